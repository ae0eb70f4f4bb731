package secretsmanagertest

// iamConfig is config_type iam_credentials_configuration: the API key the
// IAM credentials engine would use (one per instance), and whether it is
// disabled.
type iamConfig struct{ configBase }

var iamConfigFields = func() *configFields {
	f := map[string]fieldKind{"api_key": kSecretStr, "disabled": kBool}
	return &configFields{create: f, patch: f, required: []string{"api_key"}, metadata: []string{"disabled"}}
}()

func (k iamConfig) clone() configKind { return k }

func (iamConfig) secretType() string    { return "iam_credentials" }
func (iamConfig) fields() *configFields { return iamConfigFields }

func (iamConfig) init(s *store, c *configuration, _ *body) *apiError {
	for _, o := range s.configs {
		if o.typ == cfgIAM {
			return errConflict("an IAM credentials configuration already exists")
		}
	}
	setDefault(c.attrs, "disabled", false)
	return nil
}
