package secretsmanagerv2

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/go-openapi/strfmt"
	"github.com/stretchr/testify/require"
)

var (
	dateTimeType  = reflect.TypeOf(strfmt.DateTime{})
	fixedDateTime = strfmt.DateTime(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))
)

// baseOf returns a filled value of the base model of an interface type, such as *RotationPolicy
// for RotationPolicyIntf.
func baseOf(t *testing.T, intf reflect.Type, depth int) reflect.Value {
	name := strings.TrimSuffix(intf.Name(), "Intf")
	for _, m := range modelRegistry {
		if m.name == name {
			v := reflect.ValueOf(m.new())
			fill(t, v.Elem(), depth+1)
			return v
		}
	}
	t.Fatalf("no base model for %s", intf)
	return reflect.Value{}
}

// fill sets every exported field of a struct (recursively) to a non-zero value.
func fill(t *testing.T, v reflect.Value, depth int) {
	if depth > 4 {
		return
	}
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		sf := v.Type().Field(i)
		if !sf.IsExported() {
			continue
		}
		f.Set(filled(t, f.Type(), strings.Split(sf.Tag.Get("json"), ",")[0], depth))
	}
}

func filled(t *testing.T, typ reflect.Type, name string, depth int) reflect.Value {
	switch typ.Kind() {
	case reflect.String:
		return reflect.ValueOf("val-" + name).Convert(typ)
	case reflect.Int64:
		return reflect.ValueOf(int64(42))
	case reflect.Bool:
		return reflect.ValueOf(true)
	case reflect.Pointer:
		p := reflect.New(typ.Elem())
		switch {
		case typ.Elem() == dateTimeType:
			p.Elem().Set(reflect.ValueOf(fixedDateTime))
		case typ.Elem().Kind() == reflect.Struct:
			fill(t, p.Elem(), depth+1)
		default:
			p.Elem().Set(filled(t, typ.Elem(), name, depth))
		}
		return p
	case reflect.Slice:
		s := reflect.MakeSlice(typ, 1, 1)
		if typ.Elem().Kind() == reflect.Struct {
			fill(t, s.Index(0), depth+1)
		} else {
			s.Index(0).Set(filled(t, typ.Elem(), name, depth))
		}
		return s
	case reflect.Map:
		m := reflect.MakeMap(typ)
		m.SetMapIndex(reflect.ValueOf("key"), reflect.ValueOf("value").Convert(typ.Elem()))
		return m
	case reflect.Interface:
		return baseOf(t, typ, depth)
	}
	t.Fatalf("cannot fill %s", typ)
	return reflect.Value{}
}

func jsonKeys(t *testing.T, data []byte) []string {
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(data, &m))
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestEveryModelRoundTrips fills every field of every model, encodes it, and decodes it again with
// encoding/json and with the model's UnmarshalX function: nothing may be lost on the way.
func TestEveryModelRoundTrips(t *testing.T) {
	require.Len(t, modelRegistry, 192)
	for _, m := range modelRegistry {
		t.Run(m.name, func(t *testing.T) {
			v := m.new()
			fill(t, reflect.ValueOf(v).Elem(), 0)
			data, err := json.Marshal(v)
			require.NoError(t, err)
			require.Equal(t, reflect.TypeOf(v).Elem().NumField()-unexportedFields(reflect.TypeOf(v).Elem()), len(jsonKeys(t, data)), "every field is encoded")

			again := m.new()
			require.NoError(t, json.Unmarshal(data, again))
			back, err := json.Marshal(again)
			require.NoError(t, err)
			require.JSONEq(t, string(data), string(back))

			var raw map[string]json.RawMessage
			require.NoError(t, json.Unmarshal(data, &raw))
			target := reflect.New(reflect.TypeOf(v))
			require.NoError(t, m.unmarshal(raw, target.Interface()))
			back, err = json.Marshal(target.Elem().Interface())
			require.NoError(t, err)
			require.JSONEq(t, string(data), string(back))
			require.Error(t, m.unmarshal(raw, nil), "a nil result is an error, not a panic")

			for _, implements := range m.implements {
				require.True(t, implements(v))
			}
			if c, ok := v.(interface{ Common() SecretCommon }); ok {
				common := c.Common()
				require.Equal(t, "val-id", common.ID)
				require.Equal(t, "val-name", common.Name)
			}
			if c, ok := v.(interface{ Common() VersionCommon }); ok {
				require.Equal(t, "val-secret_id", c.Common().SecretID)
			}
			if c, ok := v.(interface{ Common() ConfigurationCommon }); ok {
				require.Equal(t, "val-config_type", c.Common().ConfigType)
			}
			if p, ok := v.(interface {
				AsPatch() (map[string]interface{}, error)
			}); ok {
				patch, err := p.AsPatch()
				require.NoError(t, err)
				patchJSON, err := json.Marshal(patch)
				require.NoError(t, err)
				require.JSONEq(t, string(data), string(patchJSON), "the patch holds every set property")
			}
		})
	}
}

func unexportedFields(t reflect.Type) int {
	n := 0
	for i := 0; i < t.NumField(); i++ {
		if !t.Field(i).IsExported() {
			n++
		}
	}
	return n
}

func TestEmptyPatchAndNilCommon(t *testing.T) {
	patch, err := (&SecretGroupPatch{}).AsPatch()
	require.NoError(t, err)
	require.Empty(t, patch)
	var nilPatch *SecretGroupPatch
	patch, err = nilPatch.AsPatch()
	require.NoError(t, err)
	require.Empty(t, patch)
	patch, err = (&ArbitrarySecretMetadataPatch{Labels: []string{}}).AsPatch()
	require.NoError(t, err)
	require.Contains(t, patch, "labels", "an empty list is a value: it clears the labels")
	var s *ArbitrarySecret
	require.Equal(t, SecretCommon{}, s.Common())
}

// TestModelConstructors calls every New<Model> constructor with values, and with nil for each
// argument that can be nil.
func TestModelConstructors(t *testing.T) {
	sm := testClient(t, "http://localhost")
	rv := reflect.ValueOf(sm)
	count := 0
	for _, m := range modelRegistry {
		method := rv.MethodByName("New" + m.name)
		if !method.IsValid() {
			continue
		}
		count++
		t.Run(m.name, func(t *testing.T) {
			mt := method.Type()
			args := make([]reflect.Value, mt.NumIn())
			for i := range args {
				args[i] = filled(t, mt.In(i), "arg", 0)
			}
			out := method.Call(args)
			require.True(t, out[1].IsNil(), "no error with every argument given: %v", out[1])
			model := out[0].Interface()
			data, err := json.Marshal(model)
			require.NoError(t, err)
			require.Len(t, jsonKeys(t, data), mt.NumIn(), "each argument sets one property")
			for i := range args {
				k := mt.In(i).Kind()
				if k != reflect.Pointer && k != reflect.Map && k != reflect.Slice && k != reflect.Interface {
					continue
				}
				withNil := append([]reflect.Value(nil), args...)
				withNil[i] = reflect.Zero(mt.In(i))
				out := method.Call(withNil)
				require.False(t, out[1].IsNil(), "argument %d missing is an error", i)
			}
		})
	}
	require.Equal(t, 47, count)
}

// TestOptionsSetters calls every Set method of every options type and checks the field it sets.
func TestOptionsSetters(t *testing.T) {
	require.Len(t, optionsRegistry, 41)
	setters := 0
	for _, newOptions := range optionsRegistry {
		opts := reflect.ValueOf(newOptions())
		typ := opts.Type()
		for i := 0; i < typ.NumMethod(); i++ {
			method := typ.Method(i)
			if !strings.HasPrefix(method.Name, "Set") {
				continue
			}
			setters++
			arg := filled(t, method.Type.In(1), "arg", 0)
			out := opts.Method(i).Call([]reflect.Value{arg})
			require.Equal(t, opts.Pointer(), out[0].Pointer(), "%s.%s returns its receiver", typ, method.Name)
			field := opts.Elem().FieldByName(strings.TrimPrefix(method.Name, "Set"))
			require.True(t, field.IsValid(), "%s.%s sets a field", typ, method.Name)
			got := field
			if field.Kind() == reflect.Pointer && arg.Kind() != reflect.Pointer {
				got = field.Elem()
			}
			require.Equal(t, arg.Interface(), got.Interface(), "%s.%s", typ, method.Name)
		}
	}
	require.Greater(t, setters, 100)
}

func TestSourceServiceParametersAdditionalProperties(t *testing.T) {
	p := &ServiceCredentialsSourceServiceParameters{ServiceidCrn: core.StringPtr("crn:sid")}
	p.SetProperty("HMAC", true)
	require.Equal(t, true, p.GetProperty("HMAC"))
	p.SetProperties(map[string]interface{}{"HMAC": false})
	require.Equal(t, map[string]interface{}{"HMAC": false}, p.GetProperties())
	data, err := json.Marshal(p)
	require.NoError(t, err)
	require.JSONEq(t, `{"HMAC":false,"serviceid_crn":"crn:sid"}`, string(data))
}

func TestServiceCredentialsAdditionalProperties(t *testing.T) {
	c := &ServiceCredentialsSecretCredentials{Apikey: core.StringPtr("k")}
	c.SetProperty("endpoints", "https://e")
	require.Equal(t, "https://e", c.GetProperty("endpoints"))
	data, err := json.Marshal(c)
	require.NoError(t, err)
	require.JSONEq(t, `{"apikey":"k","endpoints":"https://e"}`, string(data))
	c.SetProperties(map[string]interface{}{"apikey": "ignored", "x": 1.0})
	data, err = json.Marshal(c)
	require.NoError(t, err)
	require.JSONEq(t, `{"apikey":"k","x":1}`, string(data), "an arbitrary property never replaces a field")

	var back ServiceCredentialsSecretCredentials
	require.NoError(t, json.Unmarshal([]byte(`{"apikey":"k","cos_hmac_keys":{"access_key_id":"a"},"iam_role_crn":"r"}`), &back))
	require.Equal(t, "r", *back.IamRoleCrn)
	require.Equal(t, map[string]interface{}{"cos_hmac_keys": map[string]interface{}{"access_key_id": "a"}}, back.GetProperties())
}
