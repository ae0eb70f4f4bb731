package vault

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"time"
)

// propertySet returns the set of the JSON property names a model declares.
func propertySet(names ...string) map[string]struct{} {
	set := make(map[string]struct{}, len(names))
	for _, n := range names {
		set[n] = struct{}{}
	}
	return set
}

// decodeKeeping decodes the JSON object data into v, a pointer to a model's plain struct, and puts
// the properties that known does not list into *extra (nil when there are none).
func decodeKeeping(data []byte, v interface{}, extra *map[string]json.RawMessage, known map[string]struct{}) error {
	if err := json.Unmarshal(data, v); err != nil {
		return err
	}
	*extra = nil
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil || all == nil {
		return err // data was null: nothing to keep
	}
	for k, raw := range all {
		if _, ok := known[k]; ok {
			continue
		}
		if *extra == nil {
			*extra = make(map[string]json.RawMessage)
		}
		(*extra)[k] = raw
	}
	return nil
}

// encodeKeeping encodes v, a model's plain struct, then adds the properties of extra that the model
// does not declare, in name order.
func encodeKeeping(v interface{}, extra map[string]json.RawMessage, known map[string]struct{}) ([]byte, error) {
	data, err := json.Marshal(v)
	if err != nil || len(extra) == 0 {
		return data, err
	}
	keys := make([]string, 0, len(extra))
	for k := range extra {
		if _, ok := known[k]; !ok {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return data, nil
	}
	sort.Strings(keys)
	var b bytes.Buffer
	b.Grow(len(data) + 64*len(keys))
	b.Write(data[:len(data)-1]) // without its closing brace
	first := len(data) == 2     // "{}"
	for _, k := range keys {
		raw := extra[k]
		if !json.Valid(raw) {
			return nil, fmt.Errorf("property %q of Extra is not valid JSON", k)
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		name, _ := json.Marshal(k)
		b.Write(name)
		b.WriteByte(':')
		b.Write(raw)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Duration is a duration as the Vault API writes it: a string with a unit in requests ("30m",
// "12h", "90d"), a number of seconds in answers (1800). Make one with DurationString or
// DurationSeconds; it is written back the way it came.
type Duration struct {
	text    string
	seconds int64
	isText  bool
}

// DurationString returns a Duration written as text, such as "30m", "2h45m" or "90d".
func DurationString(s string) *Duration {
	return &Duration{text: s, isText: true}
}

// DurationSeconds returns a Duration written as a number of seconds.
func DurationSeconds(seconds int64) *Duration {
	return &Duration{seconds: seconds}
}

// String returns the duration as it is written: "30m" or "1800".
func (d Duration) String() string {
	if d.isText {
		return d.text
	}
	return strconv.FormatInt(d.seconds, 10)
}

// Seconds returns the duration in seconds, and whether it could be worked out: a number of seconds,
// or a text of whole numbers with the units s, m, h or d ("90d", "2h45m") or a bare number.
func (d Duration) Seconds() (int64, bool) {
	if !d.isText {
		return d.seconds, true
	}
	if n, err := strconv.ParseInt(d.text, 10, 64); err == nil {
		return n, true
	}
	s := d.text
	var total int64
	for s != "" {
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 || i == len(s) {
			break
		}
		n, err := strconv.ParseInt(s[:i], 10, 64)
		if err != nil {
			return 0, false
		}
		unit := map[byte]time.Duration{'s': time.Second, 'm': time.Minute, 'h': time.Hour, 'd': 24 * time.Hour}[s[i]]
		if unit == 0 {
			return 0, false
		}
		total += n * int64(unit/time.Second)
		s = s[i+1:]
	}
	if s != "" {
		return 0, false
	}
	return total, true
}

// MarshalJSON writes the duration as it came: a string or a number.
func (d Duration) MarshalJSON() ([]byte, error) {
	if d.isText {
		return json.Marshal(d.text)
	}
	return []byte(strconv.FormatInt(d.seconds, 10)), nil
}

// UnmarshalJSON reads a string or a number of seconds.
func (d *Duration) UnmarshalJSON(data []byte) error {
	if len(data) > 0 && data[0] == '"' {
		*d = Duration{isText: true}
		return json.Unmarshal(data, &d.text)
	}
	var n json.Number
	if err := json.Unmarshal(data, &n); err != nil {
		return errors.New("a duration is a string or a number of seconds")
	}
	secs, err := n.Int64()
	if err != nil {
		f, ferr := n.Float64()
		if ferr != nil {
			return fmt.Errorf("duration %s: %w", n, err)
		}
		secs = int64(f)
	}
	*d = Duration{seconds: secs}
	return nil
}
