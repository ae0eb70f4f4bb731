package secretsmanagerv2

// Helpers of the models: the Unmarshal functions kept for go-sdk-core's core.UnmarshalModel,
// arbitrary properties, and reflection on values.

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
)

func cloneBytes(b []byte) json.RawMessage {
	return append(json.RawMessage(nil), b...)
}

// resultTarget returns what result, the pointer an UnmarshalX function was given, points to.
func resultTarget(result interface{}) (reflect.Value, error) {
	rv := reflect.ValueOf(result)
	if !rv.IsValid() || rv.Kind() != reflect.Pointer || rv.IsNil() {
		return reflect.Value{}, fmt.Errorf("result must be a non-nil pointer, not %T", result)
	}
	return rv.Elem(), nil
}

// storeResult stores v, a decoded *Model, in target: the pointer itself when target takes it (a
// *Model or an interface the model implements), or else the model it points to.
func storeResult(target reflect.Value, v interface{}) error {
	val := reflect.ValueOf(v)
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
