package secretsmanagerv2_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"os"

	"github.com/IBM/go-sdk-core/v5/core"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

// The examples of this file never print a secret value: they print its length, or what it is for.

// embedded starts an in-memory Secrets Manager and returns a client of it; stop shuts it down.
// In a program, the client comes from NewSecretsManagerV2 with your instance's URL.
func embedded() (client *sm.SecretsManagerV2, stop func()) {
	srv := secretsmanagertest.NewServer()
	client, err := sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{URL: srv.URL, Authenticator: &core.NoAuthAuthenticator{}})
	if err != nil {
		panic(err)
	}
	return client, srv.Close
}

func mustCreate(client *sm.SecretsManagerV2, p sm.SecretPrototypeIntf) sm.SecretIntf {
	s, _, err := client.CreateSecret(client.NewCreateSecretOptions(p))
	if err != nil {
		panic(err)
	}
	return s
}

// Read a secret, create one, handle a missing one: the whole cycle against an embedded server.
// With a real instance, only the construction of the client differs (see NewSecretsManagerV2).
func Example() {
	client, stop := embedded()
	defer stop()
	ctx := context.Background()

	mustCreate(client, &sm.KVSecretPrototype{
		SecretType: sm.SecretTypeKV.Ptr(),
		Name:       core.StringPtr("app-config"),
		Data:       map[string]interface{}{"host": "db.internal", "port": 5432},
	})

	secret, _, err := client.GetSecretByNameTypeWithContext(ctx,
		client.NewGetSecretByNameTypeOptions(sm.SecretTypeKV.String(), "app-config", "default"))
	if err != nil {
		panic(err)
	}
	var config struct {
		Host string `json:"host"`
		Port int    `json:"port"`
	}
	if err := sm.DecodePayload(secret, &config); err != nil {
		panic(err)
	}
	fmt.Println(config.Host, config.Port)

	_, _, err = client.GetSecretByNameTypeWithContext(ctx,
		client.NewGetSecretByNameTypeOptions(sm.SecretTypeKV.String(), "no-such-secret", "default"))
	fmt.Println(errors.Is(err, sm.ErrNotFound))
	var apiErr *sm.APIError
	if errors.As(err, &apiErr) {
		// err.Error() reads "secretsmanagerv2: get_secret_by_name_type: 404 Not Found: <the service's message>".
		fmt.Println(apiErr.Operation, apiErr.StatusCode)
	}
	// Output:
	// db.internal 5432
	// true
	// get_secret_by_name_type 404
}

// Construct a client of your instance: an IAM authenticator with your API key, and the instance's
// URL (from the Endpoints page of the instance, or built with ConstructServiceURL).
func ExampleNewSecretsManagerV2() {
	url, err := sm.ConstructServiceURL(map[string]string{"instance_id": "your-instance-id", "region": "us-south"})
	if err != nil {
		panic(err)
	}
	client, err := sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{
		URL:           url,
		Authenticator: &core.IamAuthenticator{ApiKey: "your-api-key"},
	})
	if err != nil {
		panic(err)
	}
	client.EnableRetries(3, 0) // safe retries: a POST that may have been processed is never repeated
	fmt.Println(client.GetServiceURL())
	// Output: https://your-instance-id.us-south.secrets-manager.appdomain.cloud
}

// Or take the URL and credentials from the environment: SECRETS_MANAGER_URL and
// SECRETS_MANAGER_APIKEY (or SECRETS_MANAGER_AUTH_TYPE and what that type needs, or a credentials
// file). With nothing configured, the error names the variables to set.
func ExampleNewSecretsManagerV2UsingExternalConfig() {
	for _, v := range []string{"SECRETS_MANAGER_URL", "SECRETS_MANAGER_APIKEY", "SECRETS_MANAGER_AUTH_TYPE", "VCAP_SERVICES"} {
		os.Unsetenv(v) // for this example only
	}
	os.Setenv("IBM_CREDENTIALS_FILE", os.DevNull)
	defer os.Unsetenv("IBM_CREDENTIALS_FILE")

	_, err := sm.NewSecretsManagerV2UsingExternalConfig(&sm.SecretsManagerV2Options{})
	fmt.Println(err)
	// Output: secretsmanagerv2: no authentication configured for service "secrets_manager": set SECRETS_MANAGER_APIKEY (an IBM Cloud API key) and SECRETS_MANAGER_URL (your instance's URL), or SECRETS_MANAGER_AUTH_TYPE with the variables that type needs, or name a credentials file with IBM_CREDENTIALS_FILE; or use NewSecretsManagerV2 with options.Authenticator
}

// Read a secret by its name and type, and its value without a type switch.
func ExampleUsernamePassword() {
	client, stop := embedded()
	defer stop()
	mustCreate(client, &sm.UsernamePasswordSecretPrototype{
		SecretType: sm.SecretTypeUsernamePassword.Ptr(),
		Name:       core.StringPtr("app-db"),
		Username:   core.StringPtr("app"),
		Password:   core.StringPtr("correct-horse-battery"),
	})

	secret, _, err := client.GetSecretByNameType(client.NewGetSecretByNameTypeOptions(
		sm.SecretTypeUsernamePassword.String(), "app-db", "default"))
	if err != nil {
		panic(err)
	}
	user, password, err := sm.UsernamePassword(secret)
	if err != nil {
		panic(err)
	}
	fmt.Printf("user %s, password of %d characters\n", user, len(password))

	// Another helper on the wrong type says so.
	_, err = sm.PayloadString(secret)
	fmt.Println(errors.Is(err, sm.ErrWrongType))
	// Output:
	// user app, password of 21 characters
	// true
}

// PayloadString and PayloadBytes read one-value secrets: an arbitrary secret's payload, an
// iam_credentials secret's API key, or the JSON of a kv, service_credentials or custom_credentials
// secret.
func ExamplePayloadString() {
	client, stop := embedded()
	defer stop()
	created := mustCreate(client, &sm.ArbitrarySecretPrototype{
		SecretType: sm.SecretTypeArbitrary.Ptr(),
		Name:       core.StringPtr("api-token"),
		Payload:    core.StringPtr("t0k3n-1234"),
	})

	secret, _, err := client.GetSecret(client.NewGetSecretOptions(created.Common().ID))
	if err != nil {
		panic(err)
	}
	token, err := sm.PayloadString(secret)
	if err != nil {
		panic(err)
	}
	fmt.Println(len(token), "characters")
	// Output: 10 characters
}

// Rotate a secret by creating a new version, then read the current and previous values: the
// value helpers take versions as well as secrets.
func ExampleSecretsManagerV2_CreateSecretVersion_rotate() {
	client, stop := embedded()
	defer stop()
	id := mustCreate(client, &sm.ArbitrarySecretPrototype{
		SecretType: sm.SecretTypeArbitrary.Ptr(),
		Name:       core.StringPtr("signing-key"),
		Payload:    core.StringPtr("old-value"),
	}).Common().ID

	_, _, err := client.CreateSecretVersion(client.NewCreateSecretVersionOptions(id,
		&sm.ArbitrarySecretVersionPrototype{Payload: core.StringPtr("new-value!")}))
	if err != nil {
		panic(err)
	}
	for _, alias := range []string{"current", "previous"} {
		v, _, err := client.GetSecretVersion(client.NewGetSecretVersionOptions(id, alias))
		if err != nil {
			panic(err)
		}
		b, err := sm.PayloadBytes(v)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s: %d bytes\n", alias, len(b))
	}
	s, _, err := client.GetSecretMetadata(client.NewGetSecretMetadataOptions(id))
	if err != nil {
		panic(err)
	}
	fmt.Println("versions:", s.Common().VersionsTotal)
	// Output:
	// current: 10 bytes
	// previous: 9 bytes
	// versions: 2
}

// Make a private CA chain (root → intermediate → template), issue a certificate through it, and
// serve it with crypto/tls: TLSCertificate gives the certificate with its chain and private key.
func ExampleTLSCertificate() {
	client, stop := embedded()
	defer stop()
	for _, c := range []sm.ConfigurationPrototypeIntf{
		&sm.PrivateCertificateConfigurationRootCAPrototype{
			ConfigType: sm.ConfigTypePrivateCertRootCA.Ptr(), Name: core.StringPtr("example-root"),
			CommonName: core.StringPtr("Example Root CA"), MaxTTL: core.StringPtr("87600h"),
			KeyType: core.StringPtr("ec"), KeyBits: core.Int64Ptr(256)},
		&sm.PrivateCertificateConfigurationIntermediateCAPrototype{
			ConfigType: sm.ConfigTypePrivateCertIntermediateCA.Ptr(), Name: core.StringPtr("example-intermediate"),
			CommonName: core.StringPtr("Example Intermediate CA"), MaxTTL: core.StringPtr("43800h"),
			SigningMethod: core.StringPtr("internal"), Issuer: core.StringPtr("example-root"),
			KeyType: core.StringPtr("ec"), KeyBits: core.Int64Ptr(256)},
		&sm.PrivateCertificateConfigurationTemplatePrototype{
			ConfigType: sm.ConfigTypePrivateCertTemplate.Ptr(), Name: core.StringPtr("example-template"),
			CertificateAuthority: core.StringPtr("example-intermediate"), AllowAnyName: core.BoolPtr(true)},
	} {
		if _, _, err := client.CreateConfiguration(client.NewCreateConfigurationOptions(c)); err != nil {
			panic(err)
		}
	}
	secret := mustCreate(client, &sm.PrivateCertificatePrototype{
		SecretType:          sm.SecretTypePrivateCert.Ptr(),
		Name:                core.StringPtr("app-tls"),
		CertificateTemplate: core.StringPtr("example-template"),
		CommonName:          core.StringPtr("app.example.com"),
	})

	cert, err := sm.TLSCertificate(secret)
	if err != nil {
		panic(err)
	}
	config := &tls.Config{Certificates: []tls.Certificate{*cert}}
	fmt.Println(cert.Leaf.Subject.CommonName, len(config.Certificates[0].Certificate), "certificates in the chain")
	issuer, _ := x509.ParseCertificate(cert.Certificate[1])
	fmt.Println("issued by", issuer.Subject.CommonName)
	// Output:
	// app.example.com 2 certificates in the chain
	// issued by Example Intermediate CA
}

// Send the SDK's debug logs, redacted, to log/slog.
func ExampleNewSlogLogger() {
	handler := slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		Level: slog.LevelDebug,
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{} // a stable output for this example
			}
			return a
		},
	})
	previous := core.GetLogger()
	core.SetLogger(sm.NewSlogLogger(slog.New(handler), core.LevelDebug))
	defer core.SetLogger(previous)

	core.GetLogger().Debug(`answer: {"name":"app-db","password":"hunter2"}`)
	// Output: level=DEBUG msg="answer: {\"name\":\"app-db\",\"password\":\"[redacted]\"}" component=secretsmanagerv2
}
