package secretsmanagerv2

// The JSON reader of the generated decoders (the readJSON and readField methods of the models, and
// the read<Intf> functions of the discriminated interfaces): the only JSON decoding of responses.
//
// It decodes what the official SDK decodes, by the official SDK's rule: a model is a map of raw
// messages, so a member matches a field only by its exact name and, when a name is given twice, its
// last value counts and the earlier ones are not even checked; each value is then decoded as
// encoding/json decodes it into the field's Go type, and a value that does not decode fails the
// whole body (an error naming the model and the JSON path of the value, never the value itself).
//
// It reads in two passes at most. The fast pass reads the bytes once, in order, into the fields.
// Whenever it cannot tell the result by itself (a member given twice, or a value that does not
// decode, which a later member of the same name may replace), it stops, and decode hands the body
// over to the exact pass: the same generated code, with every object first indexed by member name
// (last one wins) and then read member by member, and errors with their path. decode is the only
// place where the fast pass hands over.

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/go-openapi/strfmt"
)

// maxReadDepth bounds the nesting of arrays and objects, as encoding/json bounds it.
const maxReadDepth = 10000

// DecodeError is the error of a response body that does not decode into the model its operation
// returns: a value of the wrong type, a number out of range, an invalid date-time, invalid JSON, or
// no JSON object at all. It names the model and the JSON path of the value, never the value.
type DecodeError struct {
	// Model is the model whose member did not decode ("" for the body itself).
	Model string
	// Path is the JSON path of the value that did not decode, such as configurations[3].created_at
	// ("" for the body itself).
	Path string
	// Problem says what is wrong with the value, such as "expected a string, found a number".
	Problem string
}

// Error returns the path, the problem and the model.
func (e *DecodeError) Error() string {
	s := e.Problem
	if e.Path != "" {
		s = e.Path + ": " + s
	}
	if e.Model != "" {
		s += " (in " + e.Model + ")"
	}
	return s
}

// jsonReader reads one JSON value from data. Once failed, it reads nothing more: every read
// returns a zero value, so that generated code needs no error checks between reads.
//
// It allocates little: the *string, *int64, *bool and *strfmt.DateTime it returns point into slabs
// (arrays it hands out one element at a time), and the content of the strings of an object goes
// into one buffer, which becomes a single string when the value is read (flush): each string is a
// slice of it.
type jsonReader struct {
	data    []byte
	pos     int
	depth   int
	failed  bool
	exact   bool         // the exact pass: objects read by name, errors reported
	err     *DecodeError // in the exact pass, why it failed
	path    []pathStep   // in the exact pass, where the reader is
	scratch []byte       // the last unescaped property name

	strs  slab[string]
	ints  slab[int64]
	bools slab[bool]
	dates slab[strfmt.DateTime]

	*readBuffers
}

// pathStep is one step of the path of the exact pass: a member of a model, or an array element.
type pathStep struct {
	model, key string // key == "": the element index of an array
	index      int
	strict     bool // a member of a union type that is not extra in that type (see extra)
}

// readBuffers are the buffers of a jsonReader, reused from one decoding to the next.
type readBuffers struct {
	text    []byte          // the content of the strings read since the last flush
	pending []pendingString // where each of them goes
	spans   []int           // the elements of the array of strings being read, in text
}

// readerPool holds readers with their buffers, reused from one decoding to the next (a reader
// handed to a generated decoder through a function value would otherwise be allocated each time).
var readerPool = sync.Pool{New: func() interface{} {
	return &jsonReader{readBuffers: &readBuffers{text: make([]byte, 0, 1024), pending: make([]pendingString, 0, 64)}}
}}

// newJSONReader returns a reader of data; release returns it for reuse.
func newJSONReader(data []byte) *jsonReader {
	r := readerPool.Get().(*jsonReader)
	r.data = data
	return r
}

// release returns the reader to the pool; the values it read keep their slabs, which the reader
// forgets.
func (r *jsonReader) release() {
	b := r.readBuffers
	if cap(b.text) > 64<<10 { // not worth keeping
		return
	}
	b.reset()
	*r = jsonReader{readBuffers: b, path: r.path[:0], scratch: r.scratch[:0]}
	readerPool.Put(r)
}

func (b *readBuffers) reset() {
	clear(b.pending[:cap(b.pending)])
	b.text, b.pending, b.spans = b.text[:0], b.pending[:0], b.spans[:0]
}

// decode reads data, one JSON object, with read: first in the fast pass and, when that pass cannot
// tell the result, in the exact pass. This is the one place where the fast pass hands over.
func decode[V any](data []byte, read func(*jsonReader) V) (V, error) {
	return decodePasses(data, read, true, true)
}

// errExactPass is what decodePasses returns, with the fast pass alone, where the exact pass is needed.
var errExactPass = errors.New("the exact pass is needed")

// decodePasses is decode with a choice of passes (the tests compare them): with fast alone it
// returns errExactPass where the exact pass would be needed.
func decodePasses[V any](data []byte, read func(*jsonReader) V, fast, exact bool) (v V, err error) {
	r := newJSONReader(data)
	defer r.release()
	r.exact = !fast
	for {
		switch r.peek() {
		case '{':
		case 0:
			return v, &DecodeError{Problem: "expected a JSON object, found an empty body"}
		default:
			return v, &DecodeError{Problem: "expected a JSON object, found " + r.kind()}
		}
		v = read(r)
		if r.finish() {
			return v, nil
		}
		var zero V
		if r.exact {
			return zero, r.err
		}
		if !exact {
			return zero, errExactPass
		}
		// The hand-over: read again, from the start, in the exact pass.
		r.pos, r.depth, r.failed, r.exact, r.path = 0, 0, false, true, r.path[:0]
		r.readBuffers.reset()
	}
}

// readModel reads a JSON object into a new T with its generated decoder; null reads as nil.
func readModel[T any, P jsonReadable[T]](r *jsonReader) *T {
	if !r.openObject() {
		return nil
	}
	v := P(new(T))
	v.readJSON(r)
	return (*T)(v)
}

// decodeModel decodes a JSON object into a new T (see decode).
func decodeModel[T any, P jsonReadable[T]](data []byte) (*T, error) {
	return decode(data, readModel[T, P])
}

// jsonReadable is a model with a generated decoder.
type jsonReadable[T any] interface {
	*T
	readJSON(r *jsonReader)
}

// readFunc is the readField method of a model: it reads the value of the property key.
type readFunc func(r *jsonReader, key []byte, seen *fieldSet)

// member is a property of an object, as collect finds it: its name and where its value starts.
type member struct {
	key   []byte
	start int
}

// collect reads the object being read (r is past its '{'), checking that it is valid JSON, and
// returns its properties, the last one of each name only, in order. r is then past its '}'.
func (r *jsonReader) collect() []member {
	var ms []member
	for k, ok := r.firstKey(); ok; k, ok = r.nextKey() {
		if len(k) > 0 && len(r.scratch) > 0 && &k[0] == &r.scratch[0] {
			k = append([]byte(nil), k...) // unescaped into scratch, which the next name reuses
		}
		ms = append(ms, member{k, r.valueStart()})
		r.skip()
	}
	if r.failed {
		return nil
	}
	var lastOf map[string]int // for a large object: where the last of each name is
	if len(ms) > 32 {
		lastOf = make(map[string]int, len(ms))
		for i, m := range ms {
			lastOf[string(m.key)] = i
		}
	}
	kept := ms[:0]
	for i, m := range ms {
		last := true
		if lastOf != nil {
			last = lastOf[string(m.key)] == i
		} else {
			for _, later := range ms[i+1:] {
				if string(later.key) == string(m.key) {
					last = false
					break
				}
			}
		}
		if last {
			kept = append(kept, m)
		}
	}
	return kept
}

// readMembers reads the properties ms of an object that collect found, each with read, noting the
// path of each for the errors; r is then back past the object. For a union type, extras are the
// fields that the official SDK's model lacks (see extra).
func (r *jsonReader) readMembers(model string, ms []member, read readFunc, extras []string) {
	end := r.pos
	var seen fieldSet
	r.depth++
	for _, m := range ms {
		r.pos = m.start
		r.path = append(r.path, pathStep{model: model, key: string(m.key), strict: extras != nil && !slices.Contains(extras, string(m.key))})
		read(r, m.key, &seen)
		if r.failed {
			return
		}
		r.path = r.path[:len(r.path)-1]
	}
	r.depth--
	r.pos = end
}

// union is a type of a discriminated interface, for the exact pass: the model, the JSON names of
// its fields, and those of its fields that the official SDK's model lacks.
type union struct {
	model  string
	names  []string
	extras []string
}

// readUnion reads the object being read (r is past its '{') in the exact pass: the properties of
// the type its discriminator disc names (types; base for a value no type has) with read; it
// returns the discriminator value.
func (r *jsonReader) readUnion(disc string, types map[string]union, base union, read readFunc) {
	ms := r.collect()
	if r.failed {
		return
	}
	var value []byte
	for _, m := range ms {
		if string(m.key) == disc {
			value = r.data[m.start:]
		}
	}
	t, known := base, false
	if len(value) > 0 && value[0] == '"' {
		sub := jsonReader{data: value, exact: true}
		s := sub.stringValue()
		t, known = types[s]
		if !known {
			t = base
		}
		if s == "" {
			value = nil
		}
	}
	if len(value) == 0 || value[0] != '"' {
		problem := "the " + strconv.Quote(disc) + " property is missing"
		if len(value) > 0 && value[0] != 'n' {
			problem = "the " + strconv.Quote(disc) + " property is not a string"
		}
		r.failAt(base.model, problem)
		return
	}
	kept := ms[:0]
	for _, m := range ms {
		if slices.Contains(t.names, string(m.key)) {
			kept = append(kept, m)
		}
	}
	r.readMembers(t.model, kept, read, append([]string{}, t.extras...))
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

// fail stops the reader where a value does not decode as what: in the exact pass it notes the
// error, with what the value is instead.
func (r *jsonReader) fail(what string) {
	if !r.failed && r.exact {
		r.failAt("", "expected "+what+", found "+r.kind())
		return
	}
	r.failed, r.pos = true, len(r.data)
}

// failAt stops the reader with an error saying problem, in model or, when model is "", in the model
// of the innermost member being read.
func (r *jsonReader) failAt(model, problem string) {
	if r.failed {
		return
	}
	r.failed = true
	if r.exact {
		var path strings.Builder
		inner := ""
		for _, s := range r.path {
			if s.key == "" {
				fmt.Fprintf(&path, "[%d]", s.index)
				continue
			}
			if path.Len() > 0 {
				path.WriteByte('.')
			}
			path.WriteString(s.key)
			inner = s.model
		}
		if model == "" {
			model = inner
		}
		r.err = &DecodeError{Model: model, Path: path.String(), Problem: problem}
	}
	r.pos = len(r.data)
}

// syntaxError stops the reader on invalid JSON.
func (r *jsonReader) syntaxError() {
	r.failAt("", fmt.Sprintf("invalid JSON at offset %d", r.pos))
}

// kind names the JSON value at r.pos, for errors: its type, never its content.
func (r *jsonReader) kind() string {
	if r.pos >= len(r.data) {
		return "the end of the JSON"
	}
	switch c := r.data[r.pos]; {
	case c == '"':
		return "a string"
	case c == '{':
		return "an object"
	case c == '[':
		return "an array"
	case c == 't' || c == 'f':
		return "a boolean"
	case c == 'n':
		return "null"
	case c == '-' || '0' <= c && c <= '9':
		return "a number"
	}
	return "invalid JSON"
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
	if r.failed {
		return false
	}
	if r.peek(); r.pos != len(r.data) {
		r.failAt("", fmt.Sprintf("data after the JSON value at offset %d", r.pos))
		return false
	}
	r.flush()
	return true
}

// literal reads the literal lit (true, false or null) at the current position.
func (r *jsonReader) literal(lit string) bool {
	if len(r.data)-r.pos >= len(lit) && string(r.data[r.pos:r.pos+len(lit)]) == lit {
		r.pos += len(lit)
		return true
	}
	r.syntaxError()
	return false
}

// openObject reads the '{' of an object and returns true, or reads a null and returns false.
// Anything else fails.
func (r *jsonReader) openObject() bool { return r.open('{', "an object") }

// openArray reads the '[' of an array and returns true, or reads a null and returns false.
func (r *jsonReader) openArray() bool {
	if !r.open('[', "an array") {
		return false
	}
	if r.exact {
		r.path = append(r.path, pathStep{})
	}
	return true
}

// open reads the opening delimiter of an object or an array, one level deeper, or a null.
func (r *jsonReader) open(delim byte, what string) bool {
	switch r.peek() {
	case delim:
		r.pos++
		if r.depth++; r.depth > maxReadDepth {
			r.failAt("", fmt.Sprintf("JSON nested more than %d deep", maxReadDepth))
			return false
		}
		return true
	case 'n':
		r.literal("null")
	case '"', '{', '[', 't', 'f', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		r.fail(what)
	default:
		r.syntaxError()
	}
	return false
}

// more reports whether the array being read has an element at index i (after reading the comma
// before it), or reads its closing ']'.
func (r *jsonReader) more(i int) bool {
	c := r.peek()
	switch {
	case c == ']':
		r.pos++
		r.depth--
		if r.exact {
			r.path = r.path[:len(r.path)-1]
		}
		return false
	case i > 0 && c == ',':
		r.pos++
	case i > 0 || c == 0:
		r.syntaxError()
		return false
	}
	if r.exact {
		r.path[len(r.path)-1].index = i
	}
	return !r.failed
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
	r.syntaxError()
	return nil, false
}

// key reads a property name and its colon. The name is valid until the next name is read.
func (r *jsonReader) key() ([]byte, bool) {
	if r.pos >= len(r.data) || r.data[r.pos] != '"' {
		r.syntaxError()
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
		r.syntaxError()
		return nil, false
	}
	r.pos++
	return content, true
}

// fieldSet records the fields of an object already read, to find a property given twice.
type fieldSet [4]uint64

// once marks field i as read. A second time, the fast pass stops: the last value counts, and the
// earlier ones must not fail the body, which only the exact pass tells.
func (r *jsonReader) once(seen *fieldSet, i uint) {
	bit := uint64(1) << (i % 64)
	if seen[i/64]&bit != 0 {
		r.fail("each property once")
	}
	seen[i/64] |= bit
}

// extra reads the value of a field that the official SDK's model lacks with read. In the exact
// pass, a value of another type is skipped instead of failing the body, as the official SDK ignores
// it, and extra returns true: the caller leaves the field unset.
func (r *jsonReader) extra(read func()) (skipped bool) {
	start, depth, path := r.pos, r.depth, len(r.path)
	strict := path > 0 && r.path[path-1].strict // the union's type has the field
	if read(); !r.exact || strict || r.err == nil || !strings.HasPrefix(r.err.Problem, "expected") {
		return false
	}
	r.failed, r.err, r.pos, r.depth, r.path = false, nil, start, depth, r.path[:path]
	r.skip()
	return true
}

// additional reads the value of a property that is no field of the model into *extra, as
// encoding/json decodes it into an interface{}.
func (r *jsonReader) additional(key []byte, extra *map[string]interface{}) {
	k := string(key)
	v := r.any()
	if *extra == nil {
		*extra = map[string]interface{}{}
	}
	(*extra)[k] = v
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
				break
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
				continue
			case 'u':
				if i+6 <= len(data) && isHex(data[i+2]) && isHex(data[i+3]) && isHex(data[i+4]) && isHex(data[i+5]) {
					i += 6
					continue
				}
			}
		case c >= 0x80:
			ascii = false
			i++
			continue
		}
		r.pos = i
		r.syntaxError()
		return nil, false
	}
	r.pos = i
	r.syntaxError()
	return nil, false
}

func isHex(c byte) bool {
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
		start, end := r.readString()
		r.pending = append(r.pending, pendingString{p, start, end})
		return p
	case 'n':
		r.literal("null")
	default:
		r.fail("a string")
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
		r.fail("a boolean")
	}
	return nil
}

// integer reads an integer into a new *int64; null reads as nil. A fraction, an exponent or a value
// out of range fails, as encoding/json fails on them.
func (r *jsonReader) integer() *int64 {
	c := r.peek()
	if c == 'n' {
		r.literal("null")
		return nil
	}
	if c != '-' && (c < '0' || c > '9') {
		r.fail("an integer")
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
	var n int64
	for _, d := range digits {
		if d < '0' || d > '9' {
			r.pos = start
			r.failAt("", "expected an integer, found a number with a fraction or an exponent")
			return nil
		}
		n = n*10 + int64(d-'0')
	}
	if len(digits) > 18 {
		var err error
		if n, err = strconv.ParseInt(string(r.data[start:end]), 10, 64); err != nil {
			r.failAt("", "expected an integer, found a number out of the range of int64")
			return nil
		}
	} else if neg {
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
		return r.badNumber(i)
	case data[i] == '0':
		i++
	case '1' <= data[i] && data[i] <= '9':
		for i < len(data) && '0' <= data[i] && data[i] <= '9' {
			i++
		}
	default:
		return r.badNumber(i)
	}
	if i < len(data) && data[i] == '.' {
		i++
		k := i
		for i < len(data) && '0' <= data[i] && data[i] <= '9' {
			i++
		}
		if i == k {
			return r.badNumber(i)
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
			return r.badNumber(i)
		}
	}
	r.pos = i
	return i
}

// badNumber stops the reader on invalid JSON where a number should be, at i.
func (r *jsonReader) badNumber(i int) int {
	r.pos = i
	r.syntaxError()
	return 0
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
		r.fail("a date-time string")
		return nil
	}
	start := r.pos
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
			r.pos = start
			r.failAt("", "expected a date-time, found a string that strfmt cannot parse as one")
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
			r.fail("a string")
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
			r.pos = start
			r.failAt("", "expected a number, found one out of the range of float64")
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

// readMap decodes the properties of a map of raw messages with read, each value on its own, in the
// fast pass; it reports false where the exact pass is needed.
func readMap(m map[string]json.RawMessage, read readFunc) bool {
	r := newJSONReader(nil)
	defer r.release()
	var seen fieldSet
	for k, v := range m {
		r.data, r.pos = v, 0
		read(r, []byte(k), &seen)
		if !r.finish() {
			return false
		}
	}
	return true
}

// unmarshalModelMap implements the exported UnmarshalX functions: it decodes the map with the
// generated decoder in the fast pass (fast, which returns nil where the exact pass is needed), or
// else encodes it again for decode, and stores the value in *result.
func unmarshalModelMap(m map[string]json.RawMessage, result interface{}, fast func() interface{}, decode func([]byte) (interface{}, error)) error {
	target, err := resultTarget(result)
	if err != nil {
		return err
	}
	v := fast()
	if v == nil {
		data, err := json.Marshal(m)
		if err != nil {
			return err
		}
		if v, err = decode(data); err != nil {
			return err
		}
	}
	return storeResult(target, v)
}
