package secretsmanagerv2

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
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
