package secretsmanagerv2

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// exampleResponse is one line of testdata/responses/index.tsv: an example response of the API
// reference, the operation it answers and the concrete Go types it must decode into.
type exampleResponse struct {
	File, Operation, Method, Path, Status, ResultType string
	Concrete                                          []string
}

func loadExampleResponses(t testing.TB) []exampleResponse {
	f, err := os.Open("testdata/responses/index.tsv")
	require.NoError(t, err)
	defer f.Close()
	var out []exampleResponse
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		require.Len(t, cols, 7, sc.Text())
		out = append(out, exampleResponse{cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], strings.Split(cols[6], ",")})
	}
	require.NoError(t, sc.Err())
	return out
}

// decodeResult decodes a response body the way the operation with the given result type does.
func decodeResult(resultType string, data []byte) (interface{}, error) {
	switch resultType {
	case "SecretIntf":
		return decodeSecretIntf(data)
	case "SecretMetadataIntf":
		return decodeSecretMetadataIntf(data)
	case "SecretVersionIntf":
		return decodeSecretVersionIntf(data)
	case "SecretVersionMetadataIntf":
		return decodeSecretVersionMetadataIntf(data)
	case "SecretActionIntf":
		return decodeSecretActionIntf(data)
	case "VersionActionIntf":
		return decodeVersionActionIntf(data)
	case "ConfigurationIntf":
		return decodeConfigurationIntf(data)
	case "ConfigurationActionIntf":
		return decodeConfigurationActionIntf(data)
	case "*SecretGroup":
		return decodeModel[SecretGroup](data)
	case "*SecretGroupCollection":
		return decodeModel[SecretGroupCollection](data)
	case "*SecretMetadataPaginatedCollection":
		return decodeModel[SecretMetadataPaginatedCollection](data)
	case "*SecretVersionMetadataCollection":
		return decodeModel[SecretVersionMetadataCollection](data)
	case "*SecretsLocksPaginatedCollection":
		return decodeModel[SecretsLocksPaginatedCollection](data)
	case "*SecretLocksPaginatedCollection":
		return decodeModel[SecretLocksPaginatedCollection](data)
	case "*SecretVersionLocksPaginatedCollection":
		return decodeModel[SecretVersionLocksPaginatedCollection](data)
	case "*SecretLocks":
		return decodeModel[SecretLocks](data)
	case "*ConfigurationMetadataPaginatedCollection":
		return decodeModel[ConfigurationMetadataPaginatedCollection](data)
	case "*NotificationsRegistration":
		return decodeModel[NotificationsRegistration](data)
	}
	return nil, fmt.Errorf("no decoder for %s", resultType)
}

// concreteTypes lists the Go types a decoded result holds: the value's own type, or, for a
// collection, the types of the items of its polymorphic or model list.
func concreteTypes(v interface{}) []string {
	rv := reflect.ValueOf(v).Elem()
	if rv.Kind() == reflect.Struct {
		for i := 0; i < rv.NumField(); i++ {
			f := rv.Field(i)
			if f.Kind() == reflect.Slice && rv.Type().Field(i).IsExported() && f.Type().Elem().Kind() != reflect.String {
				var names []string
				for j := 0; j < f.Len(); j++ {
					e := f.Index(j)
					if e.Kind() == reflect.Interface {
						e = e.Elem()
					}
					names = append(names, strings.TrimPrefix(strings.TrimPrefix(e.Type().String(), "*"), "secretsmanagerv2."))
				}
				if strings.Contains(rv.Type().Name(), "Collection") {
					return names
				}
			}
		}
	}
	return []string{strings.TrimPrefix(reflect.TypeOf(v).String(), "*secretsmanagerv2.")}
}

// keyPaths lists every key path of a JSON value: "a", "a.b", "list[].c", ...
func keyPaths(prefix string, v interface{}, out map[string]bool) {
	switch t := v.(type) {
	case map[string]interface{}:
		for k, val := range t {
			p := k
			if prefix != "" {
				p = prefix + "." + k
			}
			out[p] = true
			keyPaths(p, val, out)
		}
	case []interface{}:
		for _, val := range t {
			keyPaths(prefix+"[]", val, out)
		}
	}
}

// withoutEmpty removes, at every depth, the keys whose value is null, [] or {}: encoding follows the
// struct tags exactly as the official SDK does, so an optional property that is empty is left out
// and a required one that is absent is written as null; neither carries a value.
func withoutEmpty(v interface{}) interface{} {
	switch t := v.(type) {
	case map[string]interface{}:
		out := map[string]interface{}{}
		for k, val := range t {
			val = withoutEmpty(val)
			switch e := val.(type) {
			case nil:
				continue
			case map[string]interface{}:
				if len(e) == 0 {
					continue
				}
			case []interface{}:
				if len(e) == 0 {
					continue
				}
			}
			out[k] = val
		}
		return out
	case []interface{}:
		out := make([]interface{}, len(t))
		for i, val := range t {
			out[i] = withoutEmpty(val)
		}
		return out
	}
	return v
}

// requireSameKeys checks that decoding and encoding again lost no key that holds a value, and
// invented none.
func requireSameKeys(t *testing.T, orig, again interface{}) {
	t.Helper()
	want, got := map[string]bool{}, map[string]bool{}
	keyPaths("", withoutEmpty(orig), want)
	keyPaths("", withoutEmpty(again), got)
	require.NotEmpty(t, want)
	require.Equal(t, sortedKeys(want), sortedKeys(got), "keys lost or added by decoding and encoding again")
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestExampleResponsesDecodeAndRoundTrip decodes every example response of the API reference into
// the concrete type its discriminator names, and checks that encoding it again keeps every key that
// holds a value.
func TestExampleResponsesDecodeAndRoundTrip(t *testing.T) {
	examples := loadExampleResponses(t)
	require.GreaterOrEqual(t, len(examples), 57)
	for _, ex := range examples {
		t.Run(ex.File, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata/responses", ex.File))
			require.NoError(t, err)
			v, err := decodeResult(ex.ResultType, data)
			require.NoError(t, err)
			require.Equal(t, ex.Concrete, concreteTypes(v))

			encoded, err := json.Marshal(v)
			require.NoError(t, err)
			var orig, again interface{}
			require.NoError(t, json.Unmarshal(data, &orig))
			require.NoError(t, json.Unmarshal(encoded, &again))
			requireSameKeys(t, orig, again)
		})
	}
}

// TestRoundTripSeesLostKeys makes sure the round-trip check can fail: a key unknown to the model is
// lost by decoding into a type without it.
func TestRoundTripSeesLostKeys(t *testing.T) {
	v, err := decodeModel[SecretGroup]([]byte(`{"id":"a","name":"n","not_a_field":1}`))
	require.NoError(t, err)
	encoded, err := json.Marshal(v)
	require.NoError(t, err)
	var back map[string]interface{}
	require.NoError(t, json.Unmarshal(encoded, &back))
	require.NotContains(t, back, "not_a_field")
}
