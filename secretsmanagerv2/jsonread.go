package secretsmanagerv2

// The JSON reader of the generated decoders (the readJSON methods of the models): one pass over
// the bytes, no reflection, no intermediate maps. It decodes exactly what encoding/json decodes,
// and only that: wherever its result could differ from encoding/json's (a property whose name
// matches a field only when case is ignored, a property given twice, a value of the wrong type, a
// number out of range, a date-time strfmt cannot parse, invalid JSON...), it stops, and the caller
// decodes the whole value again with encoding/json (the decodeJSON and decodeXIntf decoders, which
// stay as they were). So the fast path never has to reproduce encoding/json's partial results and
// error messages: it only has to agree with it on values that decode cleanly, which the tests
// check on every example response and on fuzzed inputs (jsonread_test.go).

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"strconv"
	"sync"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/go-openapi/strfmt"
)

// maxReadDepth bounds the nesting the reader follows (encoding/json's own bound is 10000): deeper
// values are left to encoding/json.
const maxReadDepth = 1000

// jsonReader reads one JSON value from data. Once failed, it reads nothing more: every read
// returns a zero value, so that generated code needs no error checks between reads.
//
// It allocates little: the *string, *int64, *bool and *strfmt.DateTime it returns point into slabs
// (arrays it hands out one element at a time), and the content of the strings of an object goes
// into one buffer, which becomes a single string when the object is read (flush): each string is a
// slice of it. A value kept from a decoded object keeps its slab and that string alive, which the
// rest of the object shares anyway.
type jsonReader struct {
	data    []byte
	pos     int
	depth   int
	failed  bool
	scratch []byte // the last unescaped property name

	strs  slab[string]
	ints  slab[int64]
	bools slab[bool]
	dates slab[strfmt.DateTime]

	*readBuffers
}

// readBuffers are the buffers of a jsonReader, reused from one decoding to the next.
type readBuffers struct {
	text    []byte          // the content of the strings read since the last flush
	pending []pendingString // where each of them goes
	spans   []int           // the elements of the array of strings being read, in text
}

var readBufferPool = sync.Pool{New: func() interface{} {
	return &readBuffers{text: make([]byte, 0, 1024), pending: make([]pendingString, 0, 64)}
}}

// newJSONReader returns a reader of data; release returns its buffers for reuse.
func newJSONReader(data []byte) jsonReader {
	return jsonReader{data: data, readBuffers: readBufferPool.Get().(*readBuffers)}
}

// release returns the buffers of the reader to the pool; the reader reads nothing more.
func (r *jsonReader) release() {
	b := r.readBuffers
	r.readBuffers = nil
	r.fail()
	if cap(b.text) > 64<<10 { // not worth keeping
		return
	}
	clear(b.pending[:cap(b.pending)])
	b.text, b.pending, b.spans = b.text[:0], b.pending[:0], b.spans[:0]
	readBufferPool.Put(b)
}

// pendingString is a string read but not yet set: text[start:end] goes to *p.
type pendingString struct {
	p          *string
	start, end int
}

// slab hands out pointers to elements of arrays allocated a few at a time.
type slab[T any] struct {
	free []T
	n    int
}

func (s *slab[T]) next() *T {
	if len(s.free) == 0 {
		size := min(max(s.n, 8), 128)
		s.free = make([]T, size)
		s.n += size
	}
	p := &s.free[0]
	s.free = s.free[1:]
	return p
}

// flush sets the strings read since the last flush, from one string holding them all.
func (r *jsonReader) flush() {
	if len(r.pending) == 0 {
		return
	}
	all := string(r.text)
	for _, s := range r.pending {
		*s.p = all[s.start:s.end]
	}
	clear(r.pending)
	r.pending = r.pending[:0]
	r.text = r.text[:0]
}

// readString reads a JSON string (r.pos is at its quote) into text, and returns where it is there.
func (r *jsonReader) readString() (start, end int) {
	content, plain := r.scanString()
	start = len(r.text)
	if plain {
		r.text = append(r.text, content...)
	} else if !r.failed {
		r.text = unquoteJSON(r.text, content)
	}
	return start, len(r.text)
}

// setString reads a JSON string into *p, when the reader flushes.
func (r *jsonReader) setString(p *string) {
	start, end := r.readString()
	r.pending = append(r.pending, pendingString{p, start, end})
}

// fail stops the reader: the value is left to encoding/json.
func (r *jsonReader) fail() {
	r.failed = true
	r.pos = len(r.data)
}

// peek skips whitespace and returns the next byte, or 0 at the end.
func (r *jsonReader) peek() byte {
	for r.pos < len(r.data) {
		switch c := r.data[r.pos]; c {
		case ' ', '\t', '\n', '\r':
			r.pos++
		default:
			return c
		}
	}
	return 0
}

// finish reports whether the reader read one whole value, with nothing but whitespace after it,
// and then sets the strings read.
func (r *jsonReader) finish() bool {
	if r.peek() == 0 && r.pos == len(r.data) && !r.failed {
		r.flush()
		return true
	}
	return false
}

// literal reads the literal lit (true, false or null) at the current position.
func (r *jsonReader) literal(lit string) bool {
	if len(r.data)-r.pos >= len(lit) && string(r.data[r.pos:r.pos+len(lit)]) == lit {
		r.pos += len(lit)
		return true
	}
	r.fail()
	return false
}

// openObject reads the '{' of an object and returns true, or reads a null and returns false.
// Anything else fails.
func (r *jsonReader) openObject() bool { return r.open('{') }

// openArray reads the '[' of an array and returns true, or reads a null and returns false.
func (r *jsonReader) openArray() bool { return r.open('[') }

// open reads the opening delimiter of an object or an array, one level deeper, or a null.
func (r *jsonReader) open(delim byte) bool {
	switch r.peek() {
	case delim:
		r.pos++
		if r.depth++; r.depth > maxReadDepth {
			r.fail()
			return false
		}
		return true
	case 'n':
		r.literal("null")
	default:
		r.fail()
	}
	return false
}

// more reports whether the array being read has an element at index i (after reading the comma
// before it), or reads its closing ']'.
func (r *jsonReader) more(i int) bool {
	c := r.peek()
	if c == ']' {
		r.pos++
		r.depth--
		return false
	}
	if i == 0 {
		if c == 0 {
			r.fail()
		}
		return !r.failed
	}
	if c == ',' {
		r.pos++
		return true
	}
	r.fail()
	return false
}

// firstKey reads the name of the first property of the object being read, and the colon after it;
// it returns false when the object is empty (after reading its '}').
func (r *jsonReader) firstKey() ([]byte, bool) {
	if r.peek() == '}' {
		r.pos++
		r.depth--
		return nil, false
	}
	return r.key()
}

// nextKey reads the comma and the name of the next property, or the object's closing '}'.
func (r *jsonReader) nextKey() ([]byte, bool) {
	switch r.peek() {
	case ',':
		r.pos++
		r.peek()
		return r.key()
	case '}':
		r.pos++
		r.depth--
		return nil, false
	}
	r.fail()
	return nil, false
}

// key reads a property name and its colon. The name is valid until the next name is read.
func (r *jsonReader) key() ([]byte, bool) {
	if r.pos >= len(r.data) || r.data[r.pos] != '"' {
		r.fail()
		return nil, false
	}
	content, plain := r.scanString()
	if r.failed {
		return nil, false
	}
	if !plain {
		r.scratch = unquoteJSON(r.scratch[:0], content)
		content = r.scratch
	}
	if r.peek() != ':' {
		r.fail()
		return nil, false
	}
	r.pos++
	return content, true
}

// fieldSet records the fields of an object already read, to find a property given twice.
type fieldSet [4]uint64

// once marks field i as read; a second time fails: encoding/json would merge the two values.
func (r *jsonReader) once(seen *fieldSet, i uint) {
	bit := uint64(1) << (i % 64)
	if seen[i/64]&bit != 0 {
		r.fail()
	}
	seen[i/64] |= bit
}

// unknown skips the value of a property that is no field of the model. A name that matches a field
// when case is ignored (as encoding/json matches it) fails, and so does any name outside ASCII.
func (r *jsonReader) unknown(key []byte, names []string) {
	if foldsToAny(key, names) {
		r.fail()
		return
	}
	r.skip()
}

// additional reads the value of a property that is no field of the model into *extra, as
// encoding/json decodes it into a map[string]interface{}.
func (r *jsonReader) additional(key []byte, names []string, extra *map[string]interface{}) {
	if foldsToAny(key, names) {
		r.fail()
		return
	}
	k := string(key)
	v := r.any()
	if *extra == nil {
		*extra = map[string]interface{}{}
	}
	(*extra)[k] = v
}

// foldsToAny reports whether key could match one of names when case is ignored: it is not ASCII,
// or it equals one of them but for the case of ASCII letters.
func foldsToAny(key []byte, names []string) bool {
	for _, c := range key {
		if c >= utf8.RuneSelf {
			return true
		}
	}
	for _, n := range names {
		if len(n) == len(key) && asciiFold(key, n) {
			return true
		}
	}
	return false
}

func asciiFold(s []byte, t string) bool {
	for i := 0; i < len(s); i++ {
		a, b := s[i], t[i]
		if 'A' <= a && a <= 'Z' {
			a += 'a' - 'A'
		}
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		if a != b {
			return false
		}
	}
	return true
}

// Bytes of a JSON string that need a look: '"', '\\', control characters and non-ASCII.
var strSpecial = func() (t [256]bool) {
	for c := range t {
		t[c] = c == '"' || c == '\\' || c < 0x20 || c >= 0x80
	}
	return t
}()

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// scanString reads the JSON string at r.pos (a quote) and returns its content, between the quotes,
// and whether the content is the string itself: no escapes, and ASCII or valid UTF-8.
func (r *jsonReader) scanString() (content []byte, plain bool) {
	data := r.data
	start := r.pos + 1
	i := start
	// Eight bytes at a time while none of them is special.
	for i+8 <= len(data) {
		w := binary.LittleEndian.Uint64(data[i:])
		q := w ^ ('"' * lsb)
		b := w ^ ('\\' * lsb)
		special := ((q - lsb) &^ q) | ((b - lsb) &^ b) | ((w - 0x20*lsb) &^ w) | w
		if special&msb != 0 {
			break
		}
		i += 8
	}
	plain, ascii := true, true
	for i < len(data) {
		c := data[i]
		if !strSpecial[c] {
			i++
			continue
		}
		switch {
		case c == '"':
			r.pos = i + 1
			if !ascii && !utf8.Valid(data[start:i]) {
				plain = false
			}
			return data[start:i], plain
		case c == '\\':
			plain = false
			if i+1 >= len(data) {
				r.fail()
				return nil, false
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(data) || !isHexByte(data[i+2]) || !isHexByte(data[i+3]) || !isHexByte(data[i+4]) || !isHexByte(data[i+5]) {
					r.fail()
					return nil, false
				}
				i += 6
			default:
				r.fail()
				return nil, false
			}
		case c < 0x20:
			r.fail()
			return nil, false
		default:
			ascii = false
			i++
		}
	}
	r.fail()
	return nil, false
}

func isHexByte(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// unquoteJSON appends the string whose JSON content (between the quotes, already checked by
// scanString) is s, as encoding/json decodes it: escapes resolved, a \u surrogate pair joined, a
// lone surrogate and each byte of invalid UTF-8 replaced by U+FFFD.
func unquoteJSON(dst, s []byte) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\':
			switch s[i+1] {
			case 'b':
				dst = append(dst, '\b')
			case 'f':
				dst = append(dst, '\f')
			case 'n':
				dst = append(dst, '\n')
			case 'r':
				dst = append(dst, '\r')
			case 't':
				dst = append(dst, '\t')
			case 'u':
				rr := hex4(s[i+2:])
				i += 6
				if utf16.IsSurrogate(rr) {
					if i+6 <= len(s) && s[i] == '\\' && s[i+1] == 'u' {
						if dec := utf16.DecodeRune(rr, hex4(s[i+2:])); dec != unicode.ReplacementChar {
							dst = utf8.AppendRune(dst, dec)
							i += 6
							continue
						}
					}
					rr = unicode.ReplacementChar
				}
				dst = utf8.AppendRune(dst, rr)
				continue
			default: // '"', '\\', '/'
				dst = append(dst, s[i+1])
			}
			i += 2
		case c < utf8.RuneSelf:
			dst = append(dst, c)
			i++
		default:
			rr, size := utf8.DecodeRune(s[i:])
			if rr == utf8.RuneError && size == 1 {
				dst = utf8.AppendRune(dst, unicode.ReplacementChar)
			} else {
				dst = append(dst, s[i:i+size]...)
			}
			i += size
		}
	}
	return dst
}

// hex4 reads four hexadecimal digits (checked by scanString).
func hex4(s []byte) rune {
	var r rune
	for _, c := range s[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		default:
			c = c - 'A' + 10
		}
		r = r<<4 | rune(c)
	}
	return r
}

// stringValue reads a JSON string (r.pos is at its quote).
func (r *jsonReader) stringValue() string {
	content, plain := r.scanString()
	if plain {
		return string(content)
	}
	if r.failed {
		return ""
	}
	return string(unquoteJSON(make([]byte, 0, len(content)), content))
}

// str reads a string into a new *string, set when the reader flushes; null reads as nil.
func (r *jsonReader) str() *string {
	switch r.peek() {
	case '"':
		p := r.strs.next()
		r.setString(p)
		return p
	case 'n':
		r.literal("null")
	default:
		r.fail()
	}
	return nil
}

// boolean reads true or false into a new *bool; null reads as nil.
func (r *jsonReader) boolean() *bool {
	switch r.peek() {
	case 't':
		if r.literal("true") {
			p := r.bools.next()
			*p = true
			return p
		}
	case 'f':
		if r.literal("false") {
			return r.bools.next()
		}
	case 'n':
		r.literal("null")
	default:
		r.fail()
	}
	return nil
}

// integer reads an integer into a new *int64; null reads as nil. A fraction, an exponent or a value
// out of range fails (encoding/json reports them as errors).
func (r *jsonReader) integer() *int64 {
	c := r.peek()
	if c == 'n' {
		r.literal("null")
		return nil
	}
	start := r.pos
	end := r.numberEnd()
	if r.failed {
		return nil
	}
	digits := r.data[start:end]
	neg := digits[0] == '-'
	if neg {
		digits = digits[1:]
	}
	if len(digits) > 18 {
		n, err := strconv.ParseInt(string(r.data[start:end]), 10, 64)
		if err != nil {
			r.fail()
			return nil
		}
		p := r.ints.next()
		*p = n
		return p
	}
	var n int64
	for _, d := range digits {
		if d < '0' || d > '9' {
			r.fail() // a fraction or an exponent
			return nil
		}
		n = n*10 + int64(d-'0')
	}
	if neg {
		n = -n
	}
	p := r.ints.next()
	*p = n
	return p
}

// numberEnd reads a JSON number and returns where it ends; it fails on anything else.
func (r *jsonReader) numberEnd() int {
	data, i := r.data, r.pos
	if i < len(data) && data[i] == '-' {
		i++
	}
	switch {
	case i >= len(data):
		r.fail()
		return 0
	case data[i] == '0':
		i++
	case '1' <= data[i] && data[i] <= '9':
		for i < len(data) && '0' <= data[i] && data[i] <= '9' {
			i++
		}
	default:
		r.fail()
		return 0
	}
	if i < len(data) && data[i] == '.' {
		i++
		k := i
		for i < len(data) && '0' <= data[i] && data[i] <= '9' {
			i++
		}
		if i == k {
			r.fail()
			return 0
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		k := i
		for i < len(data) && '0' <= data[i] && data[i] <= '9' {
			i++
		}
		if i == k {
			r.fail()
			return 0
		}
	}
	r.pos = i
	return i
}

// dateTime reads a date-time string into a new *strfmt.DateTime, as strfmt.DateTime's
// UnmarshalJSON does: RFC 3339 in UTC directly, anything else through strfmt.ParseDateTime; null
// reads as nil.
func (r *jsonReader) dateTime() *strfmt.DateTime {
	switch r.peek() {
	case '"':
	case 'n':
		r.literal("null")
		return nil
	default:
		r.fail()
		return nil
	}
	content, plain := r.scanString()
	if r.failed {
		return nil
	}
	var t time.Time
	ok := false
	if plain && dateTimeFormatsAreStrfmts() {
		t, ok = parseUTCDateTime(content)
	}
	if !ok {
		s := string(content)
		if !plain {
			s = string(unquoteJSON(nil, content))
		}
		d, err := strfmt.ParseDateTime(s)
		if err != nil {
			r.fail()
			return nil
		}
		t = time.Time(d)
	}
	p := r.dates.next()
	*p = strfmt.DateTime(t)
	return p
}

// strfmtDateTimeFormats is strfmt.DateTimeFormats as strfmt sets it.
var strfmtDateTimeFormats = strfmt.DateTimeFormats

// dateTimeFormatsAreStrfmts reports whether strfmt.DateTimeFormats, which a program may replace, is
// still the list that parseUTCDateTime agrees with; when it is not, every date-time goes through
// strfmt.ParseDateTime.
func dateTimeFormatsAreStrfmts() bool {
	f := strfmtDateTimeFormats
	return len(strfmt.DateTimeFormats) == len(f) && len(f) > 0 && &strfmt.DateTimeFormats[0] == &f[0]
}

// parseUTCDateTime parses the common form of an RFC 3339 date-time, YYYY-MM-DDTHH:MM:SS[.fraction]Z
// with at most 9 digits of fraction, to the time strfmt.ParseDateTime returns for it. It returns
// false for anything else, which is left to strfmt.
func parseUTCDateTime(s []byte) (time.Time, bool) {
	if len(s) < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[len(s)-1] != 'Z' {
		return time.Time{}, false
	}
	year, ok1 := digits(s[0:4])
	month, ok2 := digits(s[5:7])
	day, ok3 := digits(s[8:10])
	hour, ok4 := digits(s[11:13])
	minute, ok5 := digits(s[14:16])
	sec, ok6 := digits(s[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || month < 1 || month > 12 || day < 1 || day > daysIn(month, year) ||
		hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	nsec := 0
	if frac := s[19 : len(s)-1]; len(frac) > 0 {
		if frac[0] != '.' || len(frac) < 2 || len(frac) > 10 {
			return time.Time{}, false
		}
		n, ok := digits(frac[1:])
		if !ok {
			return time.Time{}, false
		}
		for i := len(frac) - 1; i < 9; i++ {
			n *= 10
		}
		nsec = n
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, nsec, time.UTC), true
}

// digits reads a run of decimal digits (at most 9).
func digits(s []byte) (int, bool) {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// strings reads an array of strings; null reads as nil, and a null element as "".
func (r *jsonReader) strings() []string {
	if !r.openArray() {
		return nil
	}
	spans := r.spans[:0]
	for i := 0; r.more(i); i++ {
		switch r.peek() {
		case '"':
			start, end := r.readString()
			spans = append(spans, start, end)
		case 'n':
			r.literal("null")
			spans = append(spans, 0, 0)
		default:
			r.fail()
		}
	}
	r.spans = spans
	if r.failed {
		return nil
	}
	out := make([]string, len(spans)/2)
	for i := range out {
		if spans[2*i] != spans[2*i+1] {
			r.pending = append(r.pending, pendingString{&out[i], spans[2*i], spans[2*i+1]})
		}
	}
	return out
}

// anyMap reads an object into a map[string]interface{}, as encoding/json does; null reads as nil.
func (r *jsonReader) anyMap() map[string]interface{} {
	if !r.openObject() {
		return nil
	}
	return r.objectBody()
}

// objectBody reads the properties of an object (after its '{') into a new map.
func (r *jsonReader) objectBody() map[string]interface{} {
	m := map[string]interface{}{}
	for k, ok := r.firstKey(); ok; k, ok = r.nextKey() {
		key := string(k)
		m[key] = r.any()
	}
	return m
}

// any reads any JSON value as encoding/json decodes it into an interface{}: objects into
// map[string]interface{}, arrays into []interface{}, numbers into float64.
func (r *jsonReader) any() interface{} {
	switch c := r.peek(); c {
	case '"':
		return r.stringValue()
	case '{':
		r.openObject()
		return r.objectBody()
	case '[':
		r.openArray()
		out := []interface{}{}
		for i := 0; r.more(i); i++ {
			out = append(out, r.any())
		}
		return out
	case 't':
		r.literal("true")
		return true
	case 'f':
		r.literal("false")
		return false
	case 'n':
		r.literal("null")
		return nil
	default:
		start := r.pos
		end := r.numberEnd()
		if r.failed {
			return nil
		}
		f, err := strconv.ParseFloat(string(r.data[start:end]), 64)
		if err != nil || math.IsInf(f, 0) {
			r.fail()
			return nil
		}
		return f
	}
}

// skip reads a value and checks that it is valid JSON, without decoding it.
func (r *jsonReader) skip() {
	switch c := r.peek(); c {
	case '"':
		r.scanString()
	case '{':
		r.openObject()
		for _, ok := r.firstKey(); ok; _, ok = r.nextKey() {
			r.skip()
		}
	case '[':
		r.openArray()
		for i := 0; r.more(i); i++ {
			r.skip()
		}
	case 't':
		r.literal("true")
	case 'f':
		r.literal("false")
	case 'n':
		r.literal("null")
	default:
		r.numberEnd()
	}
}

// valueStart skips whitespace and returns where the next value starts.
func (r *jsonReader) valueStart() int {
	r.peek()
	return r.pos
}

// jsonReadable is a model with a generated decoder.
type jsonReadable[T any] interface {
	*T
	readJSON(r *jsonReader)
}

// decodeModelFast decodes a JSON object into a new T with its generated decoder, and with
// encoding/json (decodeModel) whenever that decoder leaves the value to it.
func decodeModelFast[T any, P jsonReadable[T]](data []byte) (*T, error) {
	r := newJSONReader(data)
	defer r.release()
	if r.openObject() {
		v := P(new(T))
		v.readJSON(&r)
		if r.finish() {
			return (*T)(v), nil
		}
	}
	return decodeModel[T](data)
}

// readMap decodes the properties of a map of raw messages with readField, each value on its own;
// it reports false when the decoder leaves a value to encoding/json.
func readMap(m map[string]json.RawMessage, readField func(r *jsonReader, key []byte, seen *fieldSet)) bool {
	r := newJSONReader(nil)
	defer r.release()
	var seen fieldSet
	for k, v := range m {
		r.data, r.pos = v, 0
		readField(&r, []byte(k), &seen)
		if !r.finish() {
			return false
		}
	}
	return true
}

// unmarshalModelMapFast implements the exported UnmarshalX functions: it decodes the map with the
// generated decoder (fast, which returns nil when it leaves the value to encoding/json) and stores
// the value in *result, or does what unmarshalModelMap does, encoding the map again for
// encoding/json, when the fast decoder cannot.
func unmarshalModelMapFast(m map[string]json.RawMessage, result interface{}, fast func() interface{}, decode func([]byte) (interface{}, error)) error {
	target, err := resultTarget(result)
	if err != nil {
		return err
	}
	v := fast()
	if v == nil {
		return unmarshalModelMap(m, result, decode)
	}
	return storeResult(target, v)
}
