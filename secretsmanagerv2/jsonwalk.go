package secretsmanagerv2

// The hand-written JSON walker of the decoders: it finds the discriminator of a polymorphic
// object, and splits a page into its items, without decoding anything, so that encoding/json
// decodes each part once. It reads JSON as encoding/json does: an object whose key appears more
// than once is read with its last value, and keys match case-insensitively (as encoding/json
// matches struct fields). Its validation (validEnd) accepts exactly what json.Valid accepts.

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Errors of the walker.
var (
	errNotObject = errors.New("not a JSON object")
	errMalformed = errors.New("malformed JSON object")
)

// maxNestingDepth is encoding/json's bound on the nesting of arrays and objects.
const maxNestingDepth = 10000

// findProperty walks the top-level properties of the JSON object data and returns the span of the
// one named key, as encoding/json would read it into a struct field of that name: the last
// property whose name equals key, ignoring case. It returns where its name starts and where its
// value starts and ends, and allocates nothing unless a name has escapes. It checks the object's
// structure, not its values: the object is checked in full by the decoding that follows (or was,
// when it is an item of a page).
func findProperty(data []byte, key string) (keyStart, valStart, valEnd int, found bool, err error) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return 0, 0, 0, false, errNotObject
	}
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return 0, 0, 0, false, nil
	}
	for {
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
		if keyMatches(data[kStart:kEnd], escaped, key) {
			keyStart, valStart, valEnd, found = kStart, vStart, i, true
		}
		i = skipSpace(data, i)
		if i < len(data) && data[i] == '}' {
			return keyStart, valStart, valEnd, found, nil
		}
		if i >= len(data) || data[i] != ',' {
			return 0, 0, 0, false, errMalformed
		}
		i = skipSpace(data, i+1)
	}
}

// keyMatches reports whether the quoted JSON string name is key as encoding/json matches a
// struct field: the same name, ignoring case (Unicode simple folding). escaped says whether the
// name must be decoded to be read (scanString).
func keyMatches(name []byte, escaped bool, key string) bool {
	if !escaped {
		s := name[1 : len(name)-1]
		return len(s) == len(key) && (string(s) == key || asciiEqualFold(s, key))
	}
	var k string
	return json.Unmarshal(name, &k) == nil && strings.EqualFold(k, key)
}

// asciiEqualFold reports whether the ASCII strings s and t are equal, ignoring the case of letters.
func asciiEqualFold(s []byte, t string) bool {
	if len(s) != len(t) {
		return false
	}
	for i := 0; i < len(s); i++ {
		a, b := s[i], t[i]
		if a != b {
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
	}
	return true
}

// discriminatorValue returns the string value of the top-level property key of a JSON object, as
// encoding/json reads it (see findProperty).
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

// Classes of the bytes of a JSON string.
const (
	strPlain   = iota // stands for itself: printable ASCII other than '"' and '\\'
	strQuote          // '"'
	strEscape         // '\\'
	strControl        // below 0x20: invalid in a string
	strHigh           // 0x80 and above: part of a UTF-8 sequence, read by encoding/json
)

var strClass = func() (t [256]byte) {
	for c := range t {
		switch {
		case c == '"':
			t[c] = strQuote
		case c == '\\':
			t[c] = strEscape
		case c < 0x20:
			t[c] = strControl
		case c >= 0x80:
			t[c] = strHigh
		}
	}
	return t
}()

// scanString returns the index after the JSON string starting at data[i] (a quote), and whether it
// must be decoded by encoding/json to be read (escapes, or bytes outside ASCII that may not be valid
// UTF-8); -1 when it is not a valid JSON string (not terminated, a control character, an invalid
// escape).
func scanString(data []byte, i int) (int, bool) {
	escaped := false
	j := i + 1
	for {
		for j < len(data) && strClass[data[j]] == strPlain {
			j++
		}
		if j >= len(data) {
			return -1, escaped
		}
		switch strClass[data[j]] {
		case strQuote:
			return j + 1, escaped
		case strEscape:
			escaped = true
			if j+1 >= len(data) {
				return -1, escaped
			}
			switch data[j+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				j += 2
			case 'u':
				if j+6 > len(data) || !isHex(data[j+2]) || !isHex(data[j+3]) || !isHex(data[j+4]) || !isHex(data[j+5]) {
					return -1, escaped
				}
				j += 6
			default:
				return -1, escaped
			}
		case strControl:
			return -1, escaped
		default: // strHigh
			escaped = true
			j++
		}
	}
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// skipValue returns the index after the JSON value starting at data[i], or -1. It checks strings
// and the nesting of brackets, not the rest of the grammar (see validEnd): it finds the end of a
// valid value, and never reads out of data on any input.
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

// validEnd returns the index after the JSON value starting at data[i], or -1 when it is not
// valid JSON as json.Valid sees it (grammar, strings, escapes, and nesting at most
// maxNestingDepth deep; depth is the number of arrays and objects the value is in). Whitespace
// before the value is not skipped.
func validEnd(data []byte, i, depth int) int {
	if i >= len(data) {
		return -1
	}
	switch c := data[i]; c {
	case '"':
		end, _ := scanString(data, i)
		return end
	case '{':
		if depth >= maxNestingDepth {
			return -1
		}
		j := skipSpace(data, i+1)
		if j < len(data) && data[j] == '}' {
			return j + 1
		}
		for {
			if j >= len(data) || data[j] != '"' {
				return -1
			}
			if j, _ = scanString(data, j); j < 0 {
				return -1
			}
			j = skipSpace(data, j)
			if j >= len(data) || data[j] != ':' {
				return -1
			}
			if j = validEnd(data, skipSpace(data, j+1), depth+1); j < 0 {
				return -1
			}
			j = skipSpace(data, j)
			if j >= len(data) {
				return -1
			}
			if data[j] == '}' {
				return j + 1
			}
			if data[j] != ',' {
				return -1
			}
			j = skipSpace(data, j+1)
		}
	case '[':
		return validArrayEnd(data, i, depth, nil)
	case 't':
		return literalEnd(data, i, "true")
	case 'f':
		return literalEnd(data, i, "false")
	case 'n':
		return literalEnd(data, i, "null")
	default:
		if c == '-' || isDigit(c) {
			return numberEnd(data, i)
		}
		return -1
	}
}

// validArrayEnd is validEnd for an array (data[i] is '['). With bounds, it appends the start and
// end of each element to *bounds.
func validArrayEnd(data []byte, i, depth int, bounds *[]int) int {
	if depth >= maxNestingDepth {
		return -1
	}
	j := skipSpace(data, i+1)
	if j < len(data) && data[j] == ']' {
		return j + 1
	}
	for {
		start := j
		if j = validEnd(data, j, depth+1); j < 0 {
			return -1
		}
		if bounds != nil {
			*bounds = append(*bounds, start, j)
		}
		j = skipSpace(data, j)
		if j >= len(data) {
			return -1
		}
		if data[j] == ']' {
			return j + 1
		}
		if data[j] != ',' {
			return -1
		}
		j = skipSpace(data, j+1)
	}
}

func literalEnd(data []byte, i int, lit string) int {
	if len(data)-i >= len(lit) && string(data[i:i+len(lit)]) == lit {
		return i + len(lit)
	}
	return -1
}

// numberEnd returns the index after the JSON number starting at data[i], or -1.
func numberEnd(data []byte, i int) int {
	j := i
	if data[j] == '-' {
		j++
	}
	switch {
	case j >= len(data):
		return -1
	case data[j] == '0':
		j++
	case isDigit(data[j]):
		for j < len(data) && isDigit(data[j]) {
			j++
		}
	default:
		return -1
	}
	if j < len(data) && data[j] == '.' {
		j++
		k := j
		for j < len(data) && isDigit(data[j]) {
			j++
		}
		if j == k {
			return -1
		}
	}
	if j < len(data) && (data[j] == 'e' || data[j] == 'E') {
		j++
		if j < len(data) && (data[j] == '+' || data[j] == '-') {
			j++
		}
		k := j
		for j < len(data) && isDigit(data[j]) {
			j++
		}
		if j == k {
			return -1
		}
	}
	return j
}

// decodeListProperty walks the JSON object data: it hands each item of the array under key to
// item (after telling start how many there are), and returns the object without that property,
// to be decoded as usual. A null or missing list calls neither. The key is read as encoding/json
// reads a struct field (see findProperty): its last value counts, and every property of that
// name is left out of the object returned. The whole object is checked to be valid JSON before
// any item is handed out (the items' own decoders may be lenient with what they get).
func decodeListProperty(data []byte, key string, start func(n int), item func([]byte)) ([]byte, error) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return data, nil // let encoding/json decode (or report) the rest
	}
	var (
		bounds  []int // the elements of the list: start, end, start, end...
		isNull  bool  // the list is null
		matched int   // properties named key
		keep    = make([]int, 0, 16)
		keptLen int
	)
	malformed := func(at int) error { return fmt.Errorf("invalid JSON at offset %d: %w", at, errMalformed) }
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		i++
	} else {
		for {
			if i >= len(data) || data[i] != '"' {
				return nil, malformed(i)
			}
			kStart := i
			kEnd, escaped := scanString(data, i)
			if kEnd < 0 {
				return nil, malformed(i)
			}
			i = skipSpace(data, kEnd)
			if i >= len(data) || data[i] != ':' {
				return nil, malformed(i)
			}
			vStart := skipSpace(data, i+1)
			if keyMatches(data[kStart:kEnd], escaped, key) {
				matched++
				bounds, isNull = bounds[:0], false
				switch {
				case vStart < len(data) && data[vStart] == '[':
					i = validArrayEnd(data, vStart, 1, &bounds)
				case literalEnd(data, vStart, "null") > 0:
					i, isNull = vStart+len("null"), true
				default:
					if validEnd(data, vStart, 1) < 0 {
						return nil, malformed(vStart)
					}
					return nil, fmt.Errorf("property %q: expected a JSON array", key)
				}
			} else {
				i = validEnd(data, vStart, 1)
				if i >= 0 {
					keep = append(keep, kStart, i)
					keptLen += i - kStart + 1
				}
			}
			if i < 0 {
				return nil, malformed(vStart)
			}
			i = skipSpace(data, i)
			if i < len(data) && data[i] == '}' {
				i++
				break
			}
			if i >= len(data) || data[i] != ',' {
				return nil, malformed(i)
			}
			i = skipSpace(data, i+1)
		}
	}
	if i = skipSpace(data, i); i < len(data) {
		return nil, fmt.Errorf("invalid JSON: data after the object at offset %d", i)
	}
	if matched == 0 {
		return data, nil
	}
	if !isNull {
		start(len(bounds) / 2)
		for k := 0; k < len(bounds); k += 2 {
			item(data[bounds[k]:bounds[k+1]])
		}
	}
	// The rest: the object without the list.
	rest := make([]byte, 0, keptLen+2)
	rest = append(rest, '{')
	for k := 0; k < len(keep); k += 2 {
		if k > 0 {
			rest = append(rest, ',')
		}
		rest = append(rest, data[keep[k]:keep[k+1]]...)
	}
	return append(rest, '}'), nil
}
