module github.com/IBM/secrets-manager-go-sdk/v2/internal/benchfloor

go 1.25.0

replace github.com/IBM/secrets-manager-go-sdk/v2 => ../..

require (
	github.com/IBM/go-sdk-core/v5 v5.21.3
	github.com/IBM/secrets-manager-go-sdk/v2 v2.0.0-00010101000000-000000000000
	github.com/goccy/go-json v0.12.0
)

require (
	github.com/gabriel-vasile/mimetype v1.4.11 // indirect
	github.com/go-openapi/errors v0.22.7 // indirect
	github.com/go-openapi/strfmt v0.26.3 // indirect
	github.com/go-playground/locales v0.14.1 // indirect
	github.com/go-playground/universal-translator v0.18.1 // indirect
	github.com/go-playground/validator/v10 v10.28.0 // indirect
	github.com/go-viper/mapstructure/v2 v2.5.0 // indirect
	github.com/google/uuid v1.6.0 // indirect
	github.com/hashicorp/go-cleanhttp v0.5.2 // indirect
	github.com/hashicorp/go-retryablehttp v0.7.8 // indirect
	github.com/leodido/go-urn v1.4.0 // indirect
	github.com/oklog/ulid/v2 v2.1.1 // indirect
	go.yaml.in/yaml/v2 v2.4.3 // indirect
	golang.org/x/crypto v0.51.0 // indirect
	golang.org/x/net v0.55.0 // indirect
	golang.org/x/sys v0.45.0 // indirect
	golang.org/x/text v0.37.0 // indirect
	sigs.k8s.io/yaml v1.6.0 // indirect
)
