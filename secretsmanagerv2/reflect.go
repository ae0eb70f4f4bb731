package secretsmanagerv2

// Helpers of the models: decoding through decodeJSON, the Unmarshal functions kept for
// go-sdk-core's core.UnmarshalModel, arbitrary properties, and reflection on values.

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
)

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

// unmarshalModelMap implements the exported UnmarshalX functions kept for compatibility with code
// written for go-sdk-core's core.UnmarshalModel: it decodes m and stores the value in *result.
func unmarshalModelMap(m map[string]json.RawMessage, result interface{}, decode func([]byte) (interface{}, error)) error {
	target, err := resultTarget(result)
	if err != nil {
		return err
	}
	data, err := json.Marshal(m)
	if err != nil {
		return err
	}
	v, err := decode(data)
	if err != nil {
		return err
	}
	return storeResult(target, v)
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
