package secretsmanagerv2

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"sort"
	"strconv"
)

// Errors of findProperty.
var (
	errNotObject = errors.New("not a JSON object")
	errMalformed = errors.New("malformed JSON object")
)

// findProperty walks the top-level properties of the JSON object data and returns the span of the
// one named key: where its name starts and where its value starts and ends. It reads no further
// than the property and allocates nothing unless the name has escapes. The object is checked in
// full by the decoding that follows; this walk only checks its structure up to the property.
func findProperty(data []byte, key string) (keyStart, valStart, valEnd int, found bool, err error) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return 0, 0, 0, false, errNotObject
	}
	i++
	for {
		i = skipSpace(data, i)
		if i < len(data) && data[i] == '}' {
			return 0, 0, 0, false, nil
		}
		if i >= len(data) || data[i] != '"' {
			return 0, 0, 0, false, errMalformed
		}
		kStart := i
		kEnd, escaped := scanString(data, i)
		if kEnd < 0 {
			return 0, 0, 0, false, errMalformed
		}
		i = skipSpace(data, kEnd)
		if i >= len(data) || data[i] != ':' {
			return 0, 0, 0, false, errMalformed
		}
		vStart := skipSpace(data, i+1)
		if i = skipValue(data, vStart); i < 0 {
			return 0, 0, 0, false, errMalformed
		}
		match := !escaped && string(data[kStart+1:kEnd-1]) == key
		if escaped {
			var k string
			match = json.Unmarshal(data[kStart:kEnd], &k) == nil && k == key
		}
		if match {
			return kStart, vStart, i, true, nil
		}
		i = skipSpace(data, i)
		if i < len(data) && data[i] == ',' {
			i++
		}
	}
}

// discriminatorValue returns the string value of the top-level property key of a JSON object.
func discriminatorValue(data []byte, key string) (string, error) {
	_, vStart, vEnd, found, err := findProperty(data, key)
	switch {
	case err == errNotObject:
		return "", fmt.Errorf("expected a JSON object holding %q", key)
	case err != nil:
		return "", err
	case !found || string(data[vStart:vEnd]) == "null":
		return "", fmt.Errorf("the %q property is missing", key)
	case data[vStart] != '"':
		return "", fmt.Errorf("the %q property is not a string", key)
	}
	if _, escaped := scanString(data, vStart); !escaped {
		return string(data[vStart+1 : vEnd-1]), nil
	}
	var v string
	if err := json.Unmarshal(data[vStart:vEnd], &v); err != nil {
		return "", err
	}
	return v, nil
}

func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// scanString returns the index after the JSON string starting at data[i] (a quote), and whether it
// must be decoded by encoding/json to be read (escapes, or bytes outside ASCII that may not be valid
// UTF-8); -1 when it is not terminated.
func scanString(data []byte, i int) (int, bool) {
	escaped := false
	for j := i + 1; j < len(data); j++ {
		switch c := data[j]; {
		case c == '\\':
			escaped = true
			j++
		case c == '"':
			return j + 1, escaped
		case c >= 0x80:
			escaped = true
		}
	}
	return -1, escaped
}

// skipValue returns the index after the JSON value starting at data[i], or -1.
func skipValue(data []byte, i int) int {
	if i >= len(data) {
		return -1
	}
	switch data[i] {
	case '"':
		end, _ := scanString(data, i)
		return end
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				end, _ := scanString(data, j)
				if end < 0 {
					return -1
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	default:
		for j := i; j < len(data); j++ {
			switch data[j] {
			case ',', '}', ']', ' ', '\t', '\n', '\r':
				return j
			}
		}
		return len(data)
	}
}

func cloneBytes(b []byte) json.RawMessage {
	return append(json.RawMessage(nil), b...)
}

// jsonDecoder is implemented by the models with polymorphic properties: decodeJSON decodes them in
// one pass, where going through their UnmarshalJSON method would scan the input twice.
type jsonDecoder interface {
	decodeJSON(data []byte) error
}

// unmarshalInto decodes data into v, a pointer to a model.
func unmarshalInto(data []byte, v interface{}) error {
	if d, ok := v.(jsonDecoder); ok {
		return d.decodeJSON(data)
	}
	return json.Unmarshal(data, v)
}

// decodeModel decodes a JSON object into a new T.
func decodeModel[T any](data []byte) (*T, error) {
	v := new(T)
	if err := unmarshalInto(data, v); err != nil {
		return nil, err
	}
	return v, nil
}

// isZeroStruct reports whether *p, a pointer to a struct, holds only zero values.
func isZeroStruct(p interface{}) bool {
	return reflect.ValueOf(p).Elem().IsZero()
}

// decodeListProperty walks the JSON object data: it hands each item of the array under key to
// item (after telling start how many there are), and returns the object without that property, to
// be decoded as usual. A null or missing list calls neither. The walk checks the object's
// structure; each item is checked by its own decoding.
func decodeListProperty(data []byte, key string, start func(n int), item func([]byte)) ([]byte, error) {
	kStart, vStart, vEnd, found, err := findProperty(data, key)
	if err == errNotObject || (err == nil && !found) {
		return data, nil // let encoding/json decode (or report) the rest
	}
	if err != nil {
		return nil, err
	}
	if err := walkArray(data[vStart:vEnd], start, item); err != nil {
		return nil, fmt.Errorf("property %q: %w", key, err)
	}
	// The rest: the object without this property.
	rest := make([]byte, 0, len(data)-(vEnd-kStart))
	rest = append(rest, data[:kStart]...)
	after := skipSpace(data, vEnd)
	if after < len(data) && data[after] == ',' {
		rest = append(rest, data[after+1:]...)
	} else {
		// Last property: drop the comma before it, if any.
		trimmed := bytes.TrimRight(rest, " \t\r\n")
		if len(trimmed) > 0 && trimmed[len(trimmed)-1] == ',' {
			rest = trimmed[:len(trimmed)-1]
		}
		rest = append(rest, data[after:]...)
	}
	return rest, nil
}

// walkArray hands each element of a JSON array to item.
func walkArray(data []byte, start func(n int), item func([]byte)) error {
	if bytes.Equal(data, []byte("null")) {
		return nil
	}
	if len(data) < 2 || data[0] != '[' {
		return errors.New("expected a JSON array")
	}
	// Find the element boundaries first, to size the result once.
	var bounds []int
	i := skipSpace(data, 1)
	if i < len(data) && data[i] == ']' {
		start(0)
		return nil
	}
	for {
		end := skipValue(data, i)
		if end < 0 {
			return errors.New("malformed JSON array")
		}
		bounds = append(bounds, i, end)
		i = skipSpace(data, end)
		if i >= len(data) {
			return errors.New("malformed JSON array")
		}
		if data[i] == ']' {
			break
		}
		if data[i] != ',' {
			return errors.New("malformed JSON array")
		}
		i = skipSpace(data, i+1)
	}
	start(len(bounds) / 2)
	for k := 0; k < len(bounds); k += 2 {
		item(data[bounds[k]:bounds[k+1]])
	}
	return nil
}

// unmarshalModelMap implements the exported UnmarshalX functions kept for compatibility with code
// written for go-sdk-core's core.UnmarshalModel: it decodes m and stores the value in *result.
func unmarshalModelMap(m map[string]json.RawMessage, result interface{}, decode func([]byte) (interface{}, error)) error {
	rv := reflect.ValueOf(result)
	if !rv.IsValid() || rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("result must be a non-nil pointer, not %T", result)
	}
	data, err := json.Marshal(m)
	if err != nil {
		return err
	}
	v, err := decode(data)
	if err != nil {
		return err
	}
	val := reflect.ValueOf(v)
	target := rv.Elem()
	switch {
	case val.Type().AssignableTo(target.Type()):
		target.Set(val)
	case val.Elem().Type().AssignableTo(target.Type()):
		target.Set(val.Elem())
	default:
		return fmt.Errorf("cannot store a %T in a %s", v, target.Type())
	}
	return nil
}

// additionalProperties returns the properties of a JSON object that are not among known.
func additionalProperties(data []byte, known ...string) (map[string]interface{}, error) {
	var all map[string]interface{}
	if err := json.Unmarshal(data, &all); err != nil {
		return nil, err
	}
	for _, k := range known {
		delete(all, k)
	}
	if len(all) == 0 {
		return nil, nil
	}
	return all, nil
}

// marshalWithAdditional encodes a struct and adds the extra properties (which never replace a field).
func marshalWithAdditional(v interface{}, extra map[string]interface{}) ([]byte, error) {
	data, err := json.Marshal(v)
	if err != nil || len(extra) == 0 {
		return data, err
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(extra))
	for k := range extra {
		if _, isField := fields[k]; !isField {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		raw, err := json.Marshal(extra[k])
		if err != nil {
			return nil, err
		}
		fields[k] = raw
	}
	return json.Marshal(fields)
}

// offsetFromHref reads the offset query parameter of a paging link.
func offsetFromHref(href *string) (*int64, error) {
	if href == nil {
		return nil, nil
	}
	u, err := url.Parse(*href)
	if err != nil {
		return nil, fmt.Errorf("reading the next page link: %w", err)
	}
	v := u.Query().Get("offset")
	if v == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return nil, fmt.Errorf("reading the offset of the next page link: %w", err)
	}
	return &n, nil
}

// nextPageOffset decides where the page after this one starts, or nil when this was the last:
// the next link's offset when it moves forward, else this page's offset plus its size while
// total_count says more items remain. A link that does not move forward never loops the pager.
func nextPageOffset(next *PaginatedCollectionNext, requested, offset *int64, count int, total *int64) *int64 {
	cur := int64(0)
	if offset != nil {
		cur = *offset
	} else if requested != nil {
		cur = *requested
	}
	if next != nil {
		if n, err := offsetFromHref(next.Href); err == nil && n != nil && *n > cur {
			return n
		}
	}
	if next == nil || count == 0 {
		return nil
	}
	n := cur + int64(count)
	if total != nil && n >= *total {
		return nil
	}
	return &n
}

// deref returns *p, or the zero value when p is nil.
func deref[T any](p *T) (v T) {
	if p != nil {
		v = *p
	}
	return
}

// isNil reports whether v is nil, including a typed nil pointer, map or slice in an interface.
func isNil(v interface{}) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Interface, reflect.Func, reflect.Chan:
		return rv.IsNil()
	}
	return false
}
