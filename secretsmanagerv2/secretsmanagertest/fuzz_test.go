package secretsmanagertest

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzHandler sends arbitrary requests straight to the handler (no recovery by net/http): none may
// panic or get a 5xx answer, and the instance must still answer afterwards.
func FuzzHandler(f *testing.F) {
	seeds := []struct{ method, path, body string }{
		{"POST", "/api/v2/secrets", `{"secret_type":"arbitrary","name":"a","payload":"p"}`},
		{"POST", "/api/v2/secrets", `{"secret_type":"kv","name":"k","data":{"a":[1,{"b":null}]}}`},
		{"POST", "/api/v2/secrets", `{"secret_type":"username_password","name":"u","username":"x","password_generation_policy":{"length":-5}}`},
		{"POST", "/api/v2/secrets", `{"secret_type":"imported_cert","name":"i","certificate":"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"}`},
		{"POST", "/api/v2/configurations", `{"config_type":"private_cert_configuration_root_ca","name":"r","common_name":"x","max_ttl":"1h","key_type":"ec","key_bits":384}`},
		{"GET", "/api/v2/secrets?limit=0&offset=-1&sort=-name&secret_types=kv,bogus", ``},
		{"PATCH", "/api/v2/secret_groups/default", `{"name":null}`},
		{"POST", "/api/v2/secrets/../../secret_groups/locks_bulk?mode=remove_previous", `{"locks":[{"name":""}]}`},
		{"DELETE", "/api/v2/secrets/%2e%2e/versions/previous/locks_bulk?name=,,", ``},
		{"GET", "/api/v2/secret_groups/default/secret_types/kv/secrets/%00", ``},
	}
	for _, s := range seeds {
		f.Add(s.method, s.path, s.body)
	}
	f.Fuzz(func(t *testing.T, method, path, body string) {
		if !strings.HasPrefix(path, "/") || strings.ContainsAny(path, " \r\n") {
			return
		}
		h := NewHandler()
		req, err := http.NewRequest(method, "http://sm.test"+path, strings.NewReader(body))
		if err != nil {
			return
		}
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %s answered %d: %s", method, path, rec.Code, rec.Body.String())
		}
		after := httptest.NewRecorder()
		h.ServeHTTP(after, httptest.NewRequest("GET", "/api/v2/secret_groups", nil))
		if after.Code != http.StatusOK {
			t.Fatalf("the instance no longer answers: %d", after.Code)
		}
	})
}
