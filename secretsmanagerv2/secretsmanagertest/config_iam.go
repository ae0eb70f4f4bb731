package secretsmanagertest

// iamConfig is config_type iam_credentials_configuration: the API key the
// IAM credentials engine would use (one per instance).
type iamConfig struct{ configBase }

var iamConfigFields = func() *configFields {
	f := map[string]fieldKind{"api_key": kSecretStr}
	return &configFields{create: f, patch: f, required: []string{"api_key"}}
}()

func (iamConfig) secretType() string    { return "iam_credentials" }
func (iamConfig) fields() *configFields { return iamConfigFields }

func (iamConfig) init(s *store, _ *configuration, _ *body) *apiError {
	for _, c := range s.configs {
		if c.typ == cfgIAM {
			return errConflict("an IAM credentials configuration already exists")
		}
	}
	return nil
}
