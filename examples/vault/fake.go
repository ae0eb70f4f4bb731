package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
)

// newFakeVaultAPI starts an in-memory stand-in for the Vault API of Secrets Manager, with just what
// this example uses: the IAM login, and creating, reading and deleting arbitrary secrets in the
// default group. (The SDK's embedded server, secretsmanagertest, speaks the v2 API only so far.)
func newFakeVaultAPI() *httptest.Server {
	var mu sync.Mutex
	secrets := map[string]map[string]interface{}{} // by ID
	token := "s." + randomHex(12)
	const base = "/v1/ibmcloud/arbitrary/secrets"
	reply := func(w http.ResponseWriter, status int, data interface{}, auth interface{}) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(map[string]interface{}{
			"request_id": randomHex(8), "lease_id": "", "renewable": false, "lease_duration": 0,
			"data": data, "wrap_info": nil, "warnings": nil, "auth": auth,
		})
	}
	fail := func(w http.ResponseWriter, status int, msg string) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(map[string][]string{"errors": {msg}})
	}
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if r.Method == http.MethodPut && r.URL.Path == "/v1/auth/ibmcloud/login" {
			var in struct{ Token string }
			if json.NewDecoder(r.Body).Decode(&in) != nil || in.Token == "" {
				fail(w, http.StatusBadRequest, "an IAM token is required")
				return
			}
			reply(w, http.StatusOK, nil, map[string]interface{}{
				"client_token": token, "policies": []string{"default", "instance-writer"},
				"lease_duration": 3600, "renewable": true, "token_type": "service",
			})
			return
		}
		if r.Header.Get("X-Vault-Token") != token {
			fail(w, http.StatusForbidden, "permission denied")
			return
		}
		rest, ok := strings.CutPrefix(r.URL.Path, base)
		switch {
		case ok && rest == "" && r.Method == http.MethodPost:
			var in map[string]interface{}
			if json.NewDecoder(r.Body).Decode(&in) != nil {
				fail(w, http.StatusBadRequest, "invalid JSON")
				return
			}
			id := randomHex(16)
			s := map[string]interface{}{"id": id, "name": in["name"], "description": in["description"], "labels": in["labels"],
				"secret_type": "arbitrary", "state": 1, "state_description": "Active",
				"secret_data": map[string]interface{}{"payload": in["payload"]}}
			secrets[id] = s
			reply(w, http.StatusOK, s, nil)
		case ok && strings.HasPrefix(rest, "/") && r.Method == http.MethodGet:
			for _, s := range secrets {
				if s["id"] == rest[1:] || s["name"] == rest[1:] {
					reply(w, http.StatusOK, s, nil)
					return
				}
			}
			fail(w, http.StatusNotFound, "secret not found")
		case ok && strings.HasPrefix(rest, "/") && r.Method == http.MethodDelete:
			if _, found := secrets[rest[1:]]; !found {
				fail(w, http.StatusNotFound, "secret not found")
				return
			}
			delete(secrets, rest[1:])
			reply(w, http.StatusOK, nil, nil)
		default:
			fail(w, http.StatusForbidden, "permission denied")
		}
	}))
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
