package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestNaming(t *testing.T) {
	for in, want := range map[string]string{
		"secret_group_id": "SecretGroupID", "max_ttl": "MaxTTL", "ip_sans": "IpSans", "crl_disable": "CrlDisable",
		"id": "ID", "service_id_is_static": "ServiceIdIsStatic", "X-Sm-Accept-Configuration-Type": "XSmAcceptConfigurationType",
		"SecretPrototype": "SecretPrototype",
	} {
		require.Equal(t, want, goName(in), in)
	}
	for in, want := range map[string]string{"remove_previous": "RemovePrevious", "pem_bundle": "PemBundle", "RSA2048": "RSA2048", "a-b.c": "ABC"} {
		require.Equal(t, want, constName(in), in)
	}
	require.Equal(t, "get_secret_by_name_type", snake("GetSecretByNameType"))
	for in, want := range map[string]string{"ID": "id", "TTL": "ttl", "SecretGroupID": "secretGroupID", "XSmAcceptConfigurationType": "xSmAcceptConfigurationType"} {
		require.Equal(t, want, lowerCamel(in), in)
	}
}

// TestGeneratedCodeIsInSync regenerates the package into a temporary directory and compares it with
// the committed files: the generated code always matches the API description.
func TestGeneratedCodeIsInSync(t *testing.T) {
	out, vault := t.TempDir(), t.TempDir()
	require.NoError(t, run("../apidef", out, vault))
	files, err := filepath.Glob(filepath.Join(out, "*.go"))
	require.NoError(t, err)
	require.Greater(t, len(files), 10)
	compare := func(generated, committed string) {
		want, err := os.ReadFile(generated)
		require.NoError(t, err)
		got, err := os.ReadFile(committed)
		require.NoError(t, err, "generated file %s is not committed", committed)
		require.Equal(t, string(want), string(got), "%s is out of date: run go generate ./...", committed)
	}
	for _, f := range files {
		compare(f, filepath.Join("../../secretsmanagerv2", filepath.Base(f)))
	}
	compare(filepath.Join(vault, vaultTypesFile), filepath.Join("../../secretsmanagerv2/vault", vaultTypesFile))
}

// TestSecretTypesComeFromTheData shows that a secret type is data: its secrettype line gives its
// constant, its place in the type list, every enum=@secrettypes property and, marked vault, the
// constant of package vault; its models give the value helpers their value properties.
func TestSecretTypesComeFromTheData(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
	}
	write("operations.api", "op ListThings GET /api/v2/things status=200 file=things\n  query secret_types []string enum=@secrettypes\n")
	write("docs.txt", "[types]\nSecretTypeQuantum = is a quantum secret: one entangled key (QuantumSecret).\n")
	models := "secrettype quantum go=Quantum vault\nsecrettype plain go=Plain\n" +
		"value secretValue for=SecretIntf fields=payload,quantum_key\n" +
		"interface SecretIntf base=Secret discriminator=secret_type file=secrets\n" +
		"model Secret file=secrets implements=SecretIntf\n  secret_type *string enum=@secrettypes\n  payload *string\n  quantum_key *string\n" +
		"model QuantumSecret file=quantum implements=SecretIntf:quantum\n  secret_type *string\n  quantum_key *string secret\n" +
		"model PlainSecret file=plain implements=SecretIntf:plain\n  secret_type *string\n  payload *string\n"
	write("models.api", models)
	out, vault := t.TempDir(), t.TempDir()
	require.NoError(t, run(dir, out, vault))
	read := func(path string) string {
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		return string(b)
	}
	types := read(filepath.Join(out, "types_gen.go"))
	require.Contains(t, types, "// SecretTypeQuantum is a quantum secret: one entangled key (QuantumSecret).\n\tSecretTypeQuantum SecretType = \"quantum\"")
	require.Regexp(t, `var secretTypes = \[\]SecretType\{\s*SecretTypePlain,\s*SecretTypeQuantum,\s*\}`, types)
	require.Contains(t, read(filepath.Join(out, "things_operations_gen.go")), `ListThingsOptions_SecretTypes_Quantum = "quantum"`)
	require.Contains(t, read(filepath.Join(out, "secrets_models_gen.go")), `Secret_SecretType_Plain = "plain"`)
	quantum := read(filepath.Join(out, "quantum_models_gen.go"))
	require.Contains(t, quantum, "func (m *QuantumSecret) secretValue() (v secretValue)")
	require.Contains(t, quantum, "v.QuantumKey = m.QuantumKey")
	require.NotContains(t, quantum, "v.Payload")
	require.Regexp(t, `type secretValue struct \{[^}]*Payload \*string[^}]*QuantumKey \*string`, read(filepath.Join(out, "views_gen.go")))
	vaultTypes := read(filepath.Join(vault, vaultTypesFile))
	require.Contains(t, vaultTypes, `Quantum SecretType = "quantum"`)
	require.NotContains(t, vaultTypes, "Plain")

	// The declared types are exactly the models' discriminator values.
	write("models.api", "secrettype other go=Other\n"+models)
	require.ErrorContains(t, run(dir, t.TempDir(), ""), "type other has no model implementing SecretIntf")
	write("models.api", strings.Replace(models, "secrettype plain go=Plain\n", "", 1))
	require.ErrorContains(t, run(dir, t.TempDir(), ""), `"plain", which is not a declared type`)
	// A value property has the base model's type in every model.
	write("models.api", strings.Replace(models, "quantum_key *string secret", "quantum_key *int64", 1))
	require.ErrorContains(t, run(dir, t.TempDir(), ""), "quantum_key is QuantumKey *string in Secret but QuantumKey *int64 in QuantumSecret")
	write("models.api", strings.Replace(models, "fields=payload,", "fields=payload,nope,", 1))
	require.ErrorContains(t, run(dir, t.TempDir(), ""), "Secret has no property nope")
	write("models.api", strings.Replace(models, "@secrettypes", "@nosuchlist", 1))
	require.ErrorContains(t, run(dir, t.TempDir(), ""), "unknown enum list @nosuchlist")
}

func TestBadDescriptionsAreErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
	}
	write("operations.api", "")
	write("models.api", "  orphan *string\n")
	require.Error(t, run(dir, t.TempDir(), ""), "a field outside a model")
	write("models.api", "model A file=x implements=NoSuchIntf\n")
	require.Error(t, run(dir, t.TempDir(), ""))
	write("models.api", "model A file=x\n  a *string\n")
	write("operations.api", "op Get GET /api/v2/a status=200 file=x result=*Nope\n")
	require.Error(t, run(dir, t.TempDir(), ""), "an unknown result type")
	write("operations.api", "op Get GET /api/v2/a status=200 file=x result=*A\n  query limit *int64 min=x\n")
	require.Error(t, run(dir, t.TempDir(), ""))
	write("operations.api", "")
	write("models.api", "interface AIntf base=A discriminator=kind file=x\nmodel A file=x implements=AIntf\n  kind *string\n  n *int64\n\n"+
		"model B file=x implements=AIntf:b\n  kind *string\n  n *string\n")
	require.ErrorContains(t, run(dir, t.TempDir(), ""), "property n is", "types of one interface that the union of its types cannot hold")
	write("models.api", "interface AIntf base=A discriminator=kind file=x\nmodel A file=x implements=AIntf\n  n *int64\n")
	require.ErrorContains(t, run(dir, t.TempDir(), ""), "discriminator")
}

// TestSecretFieldIsRedactedByData shows that a field holding a secret is a data change: marking it
// secret in models.api puts its JSON name in the generated redaction list, with no other edit.
func TestSecretFieldIsRedactedByData(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "operations.api"), nil, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "models.api"), []byte(
		"sensitive extra_token\nmodel Quantum file=quantum\n  name *string required\n  quantum_key *string secret\n"), 0o644))
	out := t.TempDir()
	require.NoError(t, run(dir, out, ""))
	src, err := os.ReadFile(filepath.Join(out, "sensitive_gen.go"))
	require.NoError(t, err)
	require.Contains(t, string(src), `"quantum_key": true`)
	require.Contains(t, string(src), `"extra_token": true`)
	require.NotContains(t, string(src), `"name": true`)
}

// TestViewsComeFromTheData shows that the Common views are generated from their view declaration.
func TestViewsComeFromTheData(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "operations.api"), nil, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "models.api"), []byte(
		"view ThingCommon for=ThingIntf fields=id,size\ninterface ThingIntf base=Thing discriminator=kind file=things\n"+
			"model Thing file=things implements=ThingIntf\n  id *string\n  kind *string\n  size *int64\n"+
			"model BigThing file=things implements=ThingIntf:big\n  id *string required\n  kind *string required\n  size *int64\n"), 0o644))
	out := t.TempDir()
	require.NoError(t, run(dir, out, ""))
	views, err := os.ReadFile(filepath.Join(out, "views_gen.go"))
	require.NoError(t, err)
	require.Regexp(t, `type ThingCommon struct \{[^}]*ID string[^}]*Size int64`, string(views))
	things, err := os.ReadFile(filepath.Join(out, "things_models_gen.go"))
	require.NoError(t, err)
	require.Contains(t, string(things), "func (m *BigThing) Common() (c ThingCommon)")
	require.Contains(t, string(things), "c.Size = deref(m.Size)")

	require.NoError(t, os.WriteFile(filepath.Join(dir, "models.api"), []byte(
		"view ThingCommon for=NoSuchIntf fields=id\n"), 0o644))
	require.Error(t, run(dir, t.TempDir(), ""), "a view of an unknown interface")
}
