package secretcache

import (
	"context"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
)

// CustomCredentials returns the credentials of a custom_credentials secret (its
// credentials_content), as a copy the caller may modify. Like IAM and service credentials, the
// cache reads the secret again before the credentials' lease runs out. A secret whose provider has
// not created credentials yet (state pre_activation) gives an error that matches ErrNoValue; another
// type of secret gives an error that matches ErrWrongType.
func (c *Cache) CustomCredentials(ctx context.Context, key Key) (map[string]interface{}, error) {
	s, err := c.typed(ctx, key, sm.SecretTypeCustomCredentials)
	if err != nil {
		return nil, err
	}
	var m map[string]interface{}
	if err := sm.DecodePayload(s, &m); err != nil {
		return nil, keyErr(key, err)
	}
	return m, nil
}
