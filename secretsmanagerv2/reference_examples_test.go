package secretsmanagerv2_test

// The 37 Go examples of the API reference of IBM Cloud Secrets Manager v2, compiled and run as
// Example tests against the fake server of reference_examples_server_test.go. Each body is the
// reference code; the only changes are: the secretsManagerService variable comes from
// refExampleService(), Gomega's Expect(asPatchErr).To(BeNil()) became a panic, and the examples
// that leave their response variable unused check its status code the way the reference's delete
// examples do (Go does not compile an unused variable).

import (
	"encoding/json"
	"fmt"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
)

// The identifiers that the reference's examples use without defining them.
var (
	secretGroupIdForGetSecretGroupLink       = "d898bb90-82f6-4d61-b5cc-b079b66cfa76"
	secretIdForGetSecretLink                 = "0b5571f7-21e6-42b7-91c5-3f5ac9793a46"
	secretVersionIdForGetSecretVersionLink   = "b49ad24d-81d4-5ebc-b9b9-b0937d1c84d5"
	secretNameLink                           = "example-arbitrary-secret"
	configurationNameForGetConfigurationLink = "example-root-CA"
)

func ExampleSecretsManagerV2_CreateSecretGroup() {
	secretsManagerService := refExampleService()

	createSecretGroupOptions := secretsManagerService.NewCreateSecretGroupOptions(
		"my-secret-group",
	)

	secretGroup, response, err := secretsManagerService.CreateSecretGroup(createSecretGroupOptions)
	if err != nil {
		panic(err)
	}
	b, _ := json.MarshalIndent(secretGroup, "", "  ")
	fmt.Println(string(b))
	if response.StatusCode != 201 {
		fmt.Printf("\nUnexpected response status code received from CreateSecretGroup(): %d\n", response.StatusCode)
	}

	// Output:
	// {
	//   "created_at": "2020-10-05T21:33:11.000Z",
	//   "created_by": "iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21",
	//   "description": "Extended description for this group.",
	//   "id": "d898bb90-82f6-4d61-b5cc-b079b66cfa76",
	//   "name": "my-secret-group",
	//   "updated_at": "2020-11-25T22:13:10.000Z"
	// }
}

func ExampleSecretsManagerV2_ListSecretGroups() {
	secretsManagerService := refExampleService()

	listSecretGroupsOptions := secretsManagerService.NewListSecretGroupsOptions()

	secretGroupCollection, response, err := secretsManagerService.ListSecretGroups(listSecretGroupsOptions)
	if err != nil {
		panic(err)
	}
	b, _ := json.MarshalIndent(secretGroupCollection, "", "  ")
	fmt.Println(string(b))
	if response.StatusCode != 200 {
		fmt.Printf("\nUnexpected response status code received from ListSecretGroups(): %d\n", response.StatusCode)
	}

	// Output:
	// {
	//   "secret_groups": [
	//     {
	//       "created_at": "2020-09-05T21:33:11.000Z",
	//       "created_by": "iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21",
	//       "description": "Default Secret Group",
	//       "id": "ee52ebb6-1728-4580-8ede-13f6504e3ae0",
	//       "name": "default",
	//       "updated_at": "2020-09-25T22:13:10.000Z"
	//     },
	//     {
	//       "created_at": "2020-10-05T21:33:11.000Z",
	//       "created_by": "iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21",
	//       "description": "Extended description for this group.",
	//       "id": "cb52ebb6-1728-4580-8ede-13f6504e3ae0",
	//       "name": "my-secret-group",
	//       "updated_at": "2020-11-25T22:13:10.000Z"
	//     },
	//     {
	//       "created_at": "2020-10-05T22:05:15.000Z",
	//       "created_by": "iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21",
	//       "description": "Extended description for this group.",
	//       "id": "19f88b9c-4f2f-405c-b877-a09338575c3f",
	//       "name": "my-second-secret-group",
	//       "updated_at": "2020-11-25T22:13:10.000Z"
	//     }
	//   ],
	//   "total_count": 3
	// }
}

func ExampleSecretsManagerV2_GetSecretGroup() {
	secretsManagerService := refExampleService()

	getSecretGroupOptions := secretsManagerService.NewGetSecretGroupOptions(
		secretGroupIdForGetSecretGroupLink,
	)

	secretGroup, response, err := secretsManagerService.GetSecretGroup(getSecretGroupOptions)
	if err != nil {
		panic(err)
	}
	b, _ := json.MarshalIndent(secretGroup, "", "  ")
	fmt.Println(string(b))
	if response.StatusCode != 200 {
		fmt.Printf("\nUnexpected response status code received from GetSecretGroup(): %d\n", response.StatusCode)
	}

	// Output:
	// {
	//   "created_at": "2020-10-05T21:33:11.000Z",
	//   "created_by": "iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21",
	//   "description": "Extended description for this group.",
	//   "id": "d898bb90-82f6-4d61-b5cc-b079b66cfa76",
	//   "name": "my-secret-group",
	//   "updated_at": "2020-11-25T22:13:10.000Z"
	// }
}

func ExampleSecretsManagerV2_UpdateSecretGroup() {
	secretsManagerService := refExampleService()

	secretGroupPatchModel := &secretsmanagerv2.SecretGroupPatch{}
	secretGroupPatchModelAsPatch, asPatchErr := secretGroupPatchModel.AsPatch()
	if asPatchErr != nil {
		panic(asPatchErr)
	}

	updateSecretGroupOptions := secretsManagerService.NewUpdateSecretGroupOptions(
		secretGroupIdForGetSecretGroupLink,
		secretGroupPatchModelAsPatch,
	)

	secretGroup, response, err := secretsManagerService.UpdateSecretGroup(updateSecretGroupOptions)
	if err != nil {
		panic(err)
	}
	b, _ := json.MarshalIndent(secretGroup, "", "  ")
	fmt.Println(string(b))
	if response.StatusCode != 200 {
		fmt.Printf("\nUnexpected response status code received from UpdateSecretGroup(): %d\n", response.StatusCode)
	}

	// Output:
	// {
	//   "created_at": "2020-10-05T21:33:11.000Z",
	//   "created_by": "iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21",
	//   "description": "Extended description for this group.",
	//   "id": "d898bb90-82f6-4d61-b5cc-b079b66cfa76",
	//   "name": "my-secret-group",
	//   "updated_at": "2020-11-25T22:13:10.000Z"
	// }
}

func ExampleSecretsManagerV2_DeleteSecretGroup() {
	secretsManagerService := refExampleService()

	deleteSecretGroupOptions := secretsManagerService.NewDeleteSecretGroupOptions(
		secretGroupIdForGetSecretGroupLink,
	)

	response, err := secretsManagerService.DeleteSecretGroup(deleteSecretGroupOptions)
	if err != nil {
		panic(err)
	}
	if response.StatusCode != 204 {
		fmt.Printf("\nUnexpected response status code received from DeleteSecretGroup(): %d\n", response.StatusCode)
	}

	// Output:
}

func ExampleSecretsManagerV2_CreateSecret() {
	secretsManagerService := refExampleService()

	secretPrototypeModel := &secretsmanagerv2.ArbitrarySecretPrototype{
		Description:   core.StringPtr("Description of my arbitrary secret."),
		Labels:        []string{"dev", "us-south"},
		Name:          core.StringPtr("example-arbitrary-secret"),
		SecretGroupID: core.StringPtr("default"),
		SecretType:    core.StringPtr("arbitrary"),
		Payload:       core.StringPtr("secret-data"),
	}

	createSecretOptions := secretsManagerService.NewCreateSecretOptions(
		secretPrototypeModel,
	)

	secret, response, err := secretsManagerService.CreateSecret(createSecretOptions)
	if err != nil {
		panic(err)
	}
	b, _ := json.MarshalIndent(secret, "", "  ")
	fmt.Println(string(b))
	if response.StatusCode != 201 {
		fmt.Printf("\nUnexpected response status code received from CreateSecret(): %d\n", response.StatusCode)
	}

	// Output:
	// {
	//   "created_at": "2020-10-05T21:33:11.000Z",
	//   "created_by": "iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21",
	//   "crn": "crn:v1:bluemix:public:secrets-manager:us-south:a/a5ebf2570dcaedf18d7ed78e216c263a:f1bc94a6-64aa-4c55-b00f-f6cd70e4b2ce:secret:cb7a2502-8ede-47d6-b5b6-1b7af6b6f563",
	//   "custom_metadata": {
	//     "metadata_custom_key": "metadata_custom_value"
	//   },
	//   "description": "description of my arbitrary secret.",
	//   "downloaded": false,
	//   "expiration_date": "2030-10-05T11:49:42.000Z",
	//   "id": "bc656587-8fda-4d05-9ad8-b1de1ec7e712",
	//   "labels": [
	//     "dev",
	//     "us-south"
	//   ],
	//   "locks_total": 0,
	//   "name": "example-arbitrary-secret",
	//   "payload": "secret-data",
	//   "secret_group_id": "67d025e1-0248-418f-83ba-deb0ebfb9b4a",
	//   "secret_type": "arbitrary",
	//   "state": 1,
	//   "state_description": "active",
	//   "updated_at": "2022-10-05T21:33:11.000Z",
	//   "versions_total": 1
	// }
}

func ExampleSecretsManagerV2_ListSecrets() {
	secretsManagerService := refExampleService()

	listSecretsOptions := &secretsmanagerv2.ListSecretsOptions{
		Limit:          core.Int64Ptr(int64(10)),
		Sort:           core.StringPtr("created_at"),
		Search:         core.StringPtr("example"),
		Groups:         []string{"default", "cac40995-c37a-4dcb-9506-472869077634"},
		SecretTypes:    []string{"arbitrary", "kv"},
		MatchAllLabels: []string{"dev", "us-south"},
	}

	pager, err := secretsManagerService.NewSecretsPager(listSecretsOptions)
	if err != nil {
		panic(err)
	}

	var allResults []secretsmanagerv2.SecretMetadataIntf
	for pager.HasNext() {
		nextPage, err := pager.GetNext()
		if err != nil {
			panic(err)
		}
		allResults = append(allResults, nextPage...)
	}
	b, _ := json.MarshalIndent(allResults, "", "  ")
	fmt.Println(string(b))

	// Output:
	// [
	//   {
	//     "alt_names": [
	//       "s1.example.com",
	//       "*.s2.example.com"
	//     ],
	//     "common_name": "example.com",
	//     "created_at": "2020-10-05T21:33:11.000Z",
	//     "created_by": "iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21",
	//     "crn": "crn:v1:bluemix:public:secrets-manager:us-south:a/a5ebf2570dcaedf18d7ed78e216c263a:f1bc94a6-64aa-4c55-b00f-f6cd70e4b2ce:secret:a931192f-b6a9-43d6-a59a-834f3003af7b",
	//     "custom_metadata": {
	//       "metadata_custom_key": "metadata_custom_value"
	//     },
	//     "description": "Extended description for this secret.",
	//     "downloaded": false,
	//     "expiration_date": "2030-10-05T11:49:42.000Z",
	//     "id": "a931192f-b6a9-43d6-a59a-834f3003af7b",
	//     "intermediate_included": true,
	//     "issuer": "DigiCert",
	//     "key_algorithm": "RSA2048",
	//     "labels": [
	//       "dev",
	//       "us-south"
	//     ],
	//     "locks_total": 0,
	//     "name": "my-imported-certificate",
	//     "private_key_included": true,
	//     "secret_group_id": "bfc0a4a9-3d58-4fda-945b-76756af516aa",
	//     "secret_type": "imported_cert",
	//     "serial_number": "03:e2:c6:e4:0b:7d:30:e2:e2:78:1b:b9:13:fd:f0:fc:89:dd",
	//     "signing_algorithm": "SHA256-RSA",
	//     "state": 1,
	//     "state_description": "active",
	//     "updated_at": "2022-10-05T21:33:11.000Z",
	//     "validity": {
	//       "not_after": "2030-10-05T11:49:42.000Z",
	//       "not_before": "2020-10-05T21:33:11.000Z"
	//     },
	//     "versions_total": 1
	//   },
	//   {
	//     "alt_names": [
	//       "s1.example.com",
	//       "*.s2.example.com"
	//     ],
	//     "bundle_certs": true,
	//     "ca": "lets-encrypt-config",
	//     "common_name": "example.com",
	//     "created_at": "2020-10-05T21:33:11.000Z",
	//     "created_by": "iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21",
	//     "crn": "crn:v1:bluemix:public:secrets-manager:us-south:a/a5ebf2570dcaedf18d7ed78e216c263a:f1bc94a6-64aa-4c55-b00f-f6cd70e4b2ce:secret:cb7a2502-8ede-47d6-b5b6-1b7af6b6f563",
	//     "custom_metadata": {
	//       "metadata_custom_key": "metadata_custom_value"
	//     },
	//     "description": "Extended description for this secret.",
	//     "dns": "cloud-internet-services-config",
	//     "downloaded": false,
	//     "expiration_date": "2030-10-05T11:49:42.000Z",
	//     "id": "f075f0b3-71e4-4a14-b60f-0b38b855a3d1",
	//     "issuance_info": {
	//       "auto_rotated": false,
	//       "ordered_on": "2022-10-06T06:15:55.000Z",
	//       "state": 1,
	//       "state_description": "active"
	//     },
	//     "issuer": "Lets Encrypt",
	//     "key_algorithm": "RSA2048",
	//     "labels": [
	//       "dev",
	//       "us-south"
	//     ],
	//     "locks_total": 0,
	//     "name": "my-public-certificate",
	//     "rotation": {
	//       "auto_rotate": true,
	//       "rotate_keys": true
	//     },
	//     "secret_group_id": "bfc0a4a9-3d58-4fda-945b-76756af516aa",
	//     "secret_type": "public_cert",
	//     "serial_number": "03:e2:c6:e4:0b:7d:30:e2:e2:78:1b:b9:13:fd:f0:fc:89:dd",
	//     "signing_algorithm": "SHA256-RSA",
	//     "state": 1,
	//     "state_description": "active",
	//     "updated_at": "2022-10-05T21:33:11.000Z",
	//     "validity": {
	//       "not_after": "2030-10-05T11:49:42.000Z",
	//       "not_before": "2020-10-05T21:33:11.000Z"
	//     },
	//     "versions_total": 1
	//   }
	// ]
}

func ExampleSecretsManagerV2_GetSecret() {
	secretsManagerService := refExampleService()

	getSecretOptions := secretsManagerService.NewGetSecretOptions(
		secretIdForGetSecretLink,
	)

	secret, response, err := secretsManagerService.GetSecret(getSecretOptions)
	if err != nil {
		panic(err)
	}
	b, _ := json.MarshalIndent(secret, "", "  ")
	fmt.Println(string(b))
	if response.StatusCode != 200 {
		fmt.Printf("\nUnexpected response status code received from GetSecret(): %d\n", response.StatusCode)
	}

	// Output:
	// {
	//   "api_key": "RmnPBn6n1dzoo0v3kyznKEpg0WzdTpW9lW7FtKa017_u",
	//   "api_key_id": "ApiKey-dcd0b857-b590-4507-8c64-ae89a23e8d76",
	//   "created_at": "2020-10-05T21:33:11.000Z",
	//   "created_by": "iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21",
	//   "crn": "crn:v1:bluemix:public:secrets-manager:us-south:a/a5ebf2570dcaedf18d7ed78e216c263a:f1bc94a6-64aa-4c55-b00f-f6cd70e4b2ce:secret:24ec2c34-38ee-4038-9f1d-9a629423158d",
	//   "custom_metadata": {
	//     "metadata_custom_key": "metadata_custom_value"
	//   },
	//   "description": "Extended description for this secret.",
	//   "downloaded": true,
	//   "expiration_date": "2021-01-01T00:00:00.000Z",
	//   "id": "24ec2c34-38ee-4038-9f1d-9a629423158d",
	//   "labels": [
	//     "dev",
	//     "us-south"
	//   ],
	//   "locks_total": 0,
	//   "name": "example-iam-credentials-secret",
	//   "reuse_api_key": false,
	//   "secret_group_id": "bc656587-8fda-4d05-9ad8-b1de1ec7e712",
	//   "secret_type": "iam_credentials",
	//   "service_id": "ServiceId-bb4ccc31-bd31-493a-bb58-52ec399800be",
	//   "service_id_is_static": false,
	//   "state": 1,
	//   "state_description": "active",
	//   "ttl": "1800",
	//   "updated_at": "2020-10-05T21:33:11.000Z",
	//   "versions_total": 1
	// }
}

func ExampleSecretsManagerV2_DeleteSecret() {
	secretsManagerService := refExampleService()

	deleteSecretOptions := secretsManagerService.NewDeleteSecretOptions(
		secretIdForGetSecretLink,
	)

	response, err := secretsManagerService.DeleteSecret(deleteSecretOptions)
	if err != nil {
		panic(err)
	}
	if response.StatusCode != 204 {
		fmt.Printf("\nUnexpected response status code received from DeleteSecret(): %d\n", response.StatusCode)
	}

	// Output:
}

func ExampleSecretsManagerV2_GetSecretMetadata() {
	secretsManagerService := refExampleService()

	getSecretMetadataOptions := secretsManagerService.NewGetSecretMetadataOptions(
		secretIdForGetSecretLink,
	)

	secretMetadata, response, err := secretsManagerService.GetSecretMetadata(getSecretMetadataOptions)
	if err != nil {
		panic(err)
	}
	b, _ := json.MarshalIndent(secretMetadata, "", "  ")
	fmt.Println(string(b))
	if response.StatusCode != 200 {
		fmt.Printf("\nUnexpected response status code received from GetSecretMetadata(): %d\n", response.StatusCode)
	}

	// Output:
	// {
	//   "created_at": "2020-10-05T21:33:11.000Z",
	//   "created_by": "iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21",
	//   "crn": "crn:v1:bluemix:public:secrets-manager:us-south:a/a5ebf2570dcaedf18d7ed78e216c263a:f1bc94a6-64aa-4c55-b00f-f6cd70e4b2ce:secret:cb7a2502-8ede-47d6-b5b6-1b7af6b6f563",
	//   "custom_metadata": {
	//     "metadata_custom_key": "metadata_custom_value"
	//   },
	//   "description": "Description of my arbitrary secret.",
	//   "downloaded": false,
	//   "expiration_date": "2030-10-05T11:49:42.000Z",
	//   "id": "bc656587-8fda-4d05-9ad8-b1de1ec7e712",
	//   "labels": [
	//     "dev",
	//     "us-south"
	//   ],
	//   "locks_total": 0,
	//   "name": "example-arbitrary-secret",
	//   "secret_group_id": "67d025e1-0248-418f-83ba-deb0ebfb9b4a",
	//   "secret_type": "arbitrary",
	//   "state": 1,
	//   "state_description": "active",
	//   "updated_at": "2022-10-05T21:33:11.000Z",
	//   "versions_total": 1
	// }
}

func ExampleSecretsManagerV2_UpdateSecretMetadata() {
	secretsManagerService := refExampleService()

	secretMetadataPatchModel := &secretsmanagerv2.ArbitrarySecretMetadataPatch{
		Name:        core.StringPtr("updated-arbitrary-secret-name-example"),
		Description: core.StringPtr("updated Arbitrary Secret description"),
		Labels:      []string{"dev", "us-south"},
	}
	secretMetadataPatchModelAsPatch, asPatchErr := secretMetadataPatchModel.AsPatch()
	if asPatchErr != nil {
		panic(asPatchErr)
	}

	updateSecretMetadataOptions := secretsManagerService.NewUpdateSecretMetadataOptions(
		secretIdForGetSecretLink,
		secretMetadataPatchModelAsPatch,
	)

	secretMetadata, response, err := secretsManagerService.UpdateSecretMetadata(updateSecretMetadataOptions)
	if err != nil {
		panic(err)
	}
	b, _ := json.MarshalIndent(secretMetadata, "", "  ")
	fmt.Println(string(b))
	if response.StatusCode != 200 {
		fmt.Printf("\nUnexpected response status code received from UpdateSecretMetadata(): %d\n", response.StatusCode)
	}

	// Output:
	// {
	//   "created_at": "2020-10-05T21:33:11.000Z",
	//   "created_by": "iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21",
	//   "crn": "crn:v1:bluemix:public:secrets-manager:us-south:a/a5ebf2570dcaedf18d7ed78e216c263a:f1bc94a6-64aa-4c55-b00f-f6cd70e4b2ce:secret:f075f0b3-71e4-4a14-b60f-0b38b855a3d1",
	//   "custom_metadata": {
	//     "metadata_custom_key": "metadata_custom_value"
	//   },
	//   "description": "Extended description for my user credentials secret.",
	//   "downloaded": false,
	//   "expiration_date": "2030-10-05T11:49:42.000Z",
	//   "id": "f075f0b3-71e4-4a14-b60f-0b38b855a3d1",
	//   "labels": [
	//     "dev",
	//     "us-south"
	//   ],
	//   "locks_total": 0,
	//   "name": "my-username-password-secret",
	//   "password_generation_policy": {
	//     "include_digits": true,
	//     "include_symbols": true,
	//     "include_uppercase": true,
	//     "length": 32
	//   },
	//   "rotation": {
	//     "auto_rotate": true,
	//     "interval": 30,
	//     "unit": "day"
	//   },
	//   "secret_group_id": "bfc0a4a9-3d58-4fda-945b-76756af516aa",
	//   "secret_type": "username_password",
	//   "state": 1,
	//   "state_description": "active",
	//   "updated_at": "2022-10-05T21:33:11.000Z",
	//   "versions_total": 1
	// }
}

func ExampleSecretsManagerV2_CreateSecretAction() {
	secretsManagerService := refExampleService()

	secretActionPrototypeModel := &secretsmanagerv2.PrivateCertificateActionRevokePrototype{
		ActionType: core.StringPtr("private_cert_action_revoke_certificate"),
	}

	createSecretActionOptions := secretsManagerService.NewCreateSecretActionOptions(
		secretIdForGetSecretLink,
		secretActionPrototypeModel,
	)

	secretAction, response, err := secretsManagerService.CreateSecretAction(createSecretActionOptions)
	if err != nil {
		panic(err)
	}
	b, _ := json.MarshalIndent(secretAction, "", "  ")
	fmt.Println(string(b))
	if response.StatusCode != 201 {
		fmt.Printf("\nUnexpected response status code received from CreateSecretAction(): %d\n", response.StatusCode)
	}

	// Output:
	// {
	//   "action_type": "private_cert_action_revoke_certificate",
	//   "revocation_time_seconds": 1667982994
	// }
}

func ExampleSecretsManagerV2_GetSecretByNameType() {
	secretsManagerService := refExampleService()

	getSecretByNameTypeOptions := secretsManagerService.NewGetSecretByNameTypeOptions(
		"arbitrary",
		secretNameLink,
		"default",
	)

	secret, response, err := secretsManagerService.GetSecretByNameType(getSecretByNameTypeOptions)
	if err != nil {
		panic(err)
	}
	b, _ := json.MarshalIndent(secret, "", "  ")
	fmt.Println(string(b))
	if response.StatusCode != 200 {
		fmt.Printf("\nUnexpected response status code received from GetSecretByNameType(): %d\n", response.StatusCode)
	}

	// Output:
	// {
	//   "created_at": "2020-10-05T21:33:11.000Z",
	//   "created_by": "iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21",
	//   "crn": "crn:v1:bluemix:public:secrets-manager:us-south:a/a5ebf2570dcaedf18d7ed78e216c263a:f1bc94a6-64aa-4c55-b00f-f6cd70e4b2ce:secret:cb7a2502-8ede-47d6-b5b6-1b7af6b6f563",
	//   "custom_metadata": {
	//     "metadata_custom_key": "metadata_custom_value"
	//   },
	//   "description": "description of my arbitrary secret.",
	//   "downloaded": false,
	//   "expiration_date": "2030-10-05T11:49:42.000Z",
	//   "id": "bc656587-8fda-4d05-9ad8-b1de1ec7e712",
	//   "labels": [
	//     "dev",
	//     "us-south"
	//   ],
	//   "locks_total": 0,
	//   "name": "example-arbitrary-secret",
	//   "payload": "secret-data",
	//   "secret_group_id": "67d025e1-0248-418f-83ba-deb0ebfb9b4a",
	//   "secret_type": "arbitrary",
	//   "state": 1,
	//   "state_description": "active",
	//   "updated_at": "2022-10-05T21:33:11.000Z",
	//   "versions_total": 1
	// }
}

func ExampleSecretsManagerV2_CreateSecretVersion() {
	secretsManagerService := refExampleService()

	secretVersionPrototypeModel := &secretsmanagerv2.ArbitrarySecretVersionPrototype{
		Payload: core.StringPtr("updated secret credentials"),
	}

	createSecretVersionOptions := secretsManagerService.NewCreateSecretVersionOptions(
		secretIdForGetSecretLink,
		secretVersionPrototypeModel,
	)

	secretVersion, response, err := secretsManagerService.CreateSecretVersion(createSecretVersionOptions)
	if err != nil {
		panic(err)
	}
	b, _ := json.MarshalIndent(secretVersion, "", "  ")
	fmt.Println(string(b))
	if response.StatusCode != 201 {
		fmt.Printf("\nUnexpected response status code received from CreateSecretVersion(): %d\n", response.StatusCode)
	}

	// Output:
	// {
	//   "alias": "current",
	//   "auto_rotated": false,
	//   "created_at": "2020-10-05T21:33:11.000Z",
	//   "created_by": "iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21",
	//   "id": "bc656587-8fda-4d05-9ad8-b1de1ec7e712",
	//   "payload": "secret-data",
	//   "payload_available": true,
	//   "secret_group_id": "67d025e1-0248-418f-83ba-deb0ebfb9b4a",
	//   "secret_id": "67d025e1-0248-418f-83ba-deb0ebfb9b4a",
	//   "secret_name": "example-arbitrary-secret",
	//   "secret_type": "arbitrary",
	//   "version_custom_metadata": {
	//     "custom_version_key": "custom_version_value"
	//   }
	// }
}

func ExampleSecretsManagerV2_ListSecretVersions() {
	secretsManagerService := refExampleService()

	listSecretVersionsOptions := secretsManagerService.NewListSecretVersionsOptions(
		secretIdForGetSecretLink,
	)

	secretVersionMetadataCollection, response, err := secretsManagerService.ListSecretVersions(listSecretVersionsOptions)
	if err != nil {
		panic(err)
	}
	b, _ := json.MarshalIndent(secretVersionMetadataCollection, "", "  ")
	fmt.Println(string(b))
	if response.StatusCode != 200 {
		fmt.Printf("\nUnexpected response status code received from ListSecretVersions(): %d\n", response.StatusCode)
	}

	// Output:
	// {
	//   "total_count": 1,
	//   "versions": [
	//     {
	//       "created_at": "2022-06-27T11:58:15.000Z",
	//       "created_by": "iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21",
	//       "expiration_date": "2030-10-05T11:49:42.000Z",
	//       "id": "bc656587-8fda-4d05-9ad8-b1de1ec7e712",
	//       "payload_available": true,
	//       "secret_group_id": "67d025e1-0248-418f-83ba-deb0ebfb9b4a",
	//       "secret_id": "67d025e1-0248-418f-83ba-deb0ebfb9b4a",
	//       "secret_name": "example-imported-certificate",
	//       "secret_type": "imported_cert",
	//       "serial_number": "38:eb:01:a3:22:e9:de:55:24:56:9b:14:cb:e2:f3:e3:e2:fb:f5:18",
	//       "validity": {
	//         "not_after": "2030-10-05T11:49:42.000Z",
	//         "not_before": "2022-06-27T11:58:15.000Z"
	//       },
	//       "version_custom_metadata": {
	//         "custom_version_key": "custom_version_value"
	//       }
	//     }
	//   ]
	// }
}

func ExampleSecretsManagerV2_GetSecretVersion() {
	secretsManagerService := refExampleService()

	getSecretVersionOptions := secretsManagerService.NewGetSecretVersionOptions(
		secretIdForGetSecretLink,
		secretVersionIdForGetSecretVersionLink,
	)

	secretVersion, response, err := secretsManagerService.GetSecretVersion(getSecretVersionOptions)
	if err != nil {
		panic(err)
	}
	b, _ := json.MarshalIndent(secretVersion, "", "  ")
	fmt.Println(string(b))
	if response.StatusCode != 200 {
		fmt.Printf("\nUnexpected response status code received from GetSecretVersion(): %d\n", response.StatusCode)
	}

	// Output:
	// {
	//   "alias": "current",
	//   "auto_rotated": false,
	//   "created_at": "2020-10-05T21:33:11.000Z",
	//   "created_by": "iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21",
	//   "id": "bc656587-8fda-4d05-9ad8-b1de1ec7e712",
	//   "payload": "secret-data",
	//   "payload_available": true,
	//   "secret_group_id": "67d025e1-0248-418f-83ba-deb0ebfb9b4a",
	//   "secret_id": "67d025e1-0248-418f-83ba-deb0ebfb9b4a",
	//   "secret_name": "example-arbitrary-secret",
	//   "secret_type": "arbitrary",
	//   "version_custom_metadata": {
	//     "custom_version_key": "custom_version_value"
	//   }
	// }
}

func ExampleSecretsManagerV2_DeleteSecretVersionData() {
	secretsManagerService := refExampleService()

	deleteSecretVersionDataOptions := secretsManagerService.NewDeleteSecretVersionDataOptions(
		secretIdForGetSecretLink,
		secretVersionIdForGetSecretVersionLink,
	)

	response, err := secretsManagerService.DeleteSecretVersionData(deleteSecretVersionDataOptions)
	if err != nil {
		panic(err)
	}
	if response.StatusCode != 204 {
		fmt.Printf("\nUnexpected response status code received from DeleteSecretVersionData(): %d\n", response.StatusCode)
	}

	// Output:
}

func ExampleSecretsManagerV2_GetSecretVersionMetadata() {
	secretsManagerService := refExampleService()

	getSecretVersionMetadataOptions := secretsManagerService.NewGetSecretVersionMetadataOptions(
		secretIdForGetSecretLink,
		secretVersionIdForGetSecretVersionLink,
	)

	secretVersionMetadata, response, err := secretsManagerService.GetSecretVersionMetadata(getSecretVersionMetadataOptions)
	if err != nil {
		panic(err)
	}
	b, _ := json.MarshalIndent(secretVersionMetadata, "", "  ")
	fmt.Println(string(b))
	if response.StatusCode != 200 {
		fmt.Printf("\nUnexpected response status code received from GetSecretVersionMetadata(): %d\n", response.StatusCode)
	}

	// Output:
	// {
	//   "alias": "current",
	//   "created_at": "2022-06-27T11:58:15.000Z",
	//   "created_by": "iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21",
	//   "expiration_date": "2030-10-05T11:49:42.000Z",
	//   "id": "bc656587-8fda-4d05-9ad8-b1de1ec7e712",
	//   "payload_available": true,
	//   "secret_group_id": "67d025e1-0248-418f-83ba-deb0ebfb9b4a",
	//   "secret_id": "67d025e1-0248-418f-83ba-deb0ebfb9b4a",
	//   "secret_name": "example-arbitrary-secret",
	//   "secret_type": "arbitrary",
	//   "version_custom_metadata": {
	//     "custom_version_key": "custom_version_value"
	//   }
	// }
}

func ExampleSecretsManagerV2_UpdateSecretVersionMetadata() {
	secretsManagerService := refExampleService()

	secretVersionMetadataPatchModel := &secretsmanagerv2.SecretVersionMetadataPatch{}
	secretVersionMetadataPatchModelAsPatch, asPatchErr := secretVersionMetadataPatchModel.AsPatch()
	if asPatchErr != nil {
		panic(asPatchErr)
	}

	updateSecretVersionMetadataOptions := secretsManagerService.NewUpdateSecretVersionMetadataOptions(
		secretIdForGetSecretLink,
		secretVersionIdForGetSecretVersionLink,
		secretVersionMetadataPatchModelAsPatch,
	)

	secretVersionMetadata, response, err := secretsManagerService.UpdateSecretVersionMetadata(updateSecretVersionMetadataOptions)
	if err != nil {
		panic(err)
	}
	b, _ := json.MarshalIndent(secretVersionMetadata, "", "  ")
	fmt.Println(string(b))
	if response.StatusCode != 200 {
		fmt.Printf("\nUnexpected response status code received from UpdateSecretVersionMetadata(): %d\n", response.StatusCode)
	}

	// Output:
	// {
	//   "alias": "current",
	//   "created_at": "2022-06-27T11:58:15.000Z",
	//   "created_by": "iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21",
	//   "expiration_date": "2030-10-05T11:49:42.000Z",
	//   "id": "bc656587-8fda-4d05-9ad8-b1de1ec7e712",
	//   "payload_available": true,
	//   "secret_group_id": "67d025e1-0248-418f-83ba-deb0ebfb9b4a",
	//   "secret_id": "67d025e1-0248-418f-83ba-deb0ebfb9b4a",
	//   "secret_name": "example-arbitrary-secret",
	//   "secret_type": "arbitrary",
	//   "version_custom_metadata": {
	//     "custom_version_key": "custom_version_value"
	//   }
	// }
}

func ExampleSecretsManagerV2_CreateSecretVersionAction() {
	secretsManagerService := refExampleService()

	secretVersionActionPrototypeModel := &secretsmanagerv2.PrivateCertificateVersionActionRevokePrototype{
		ActionType: core.StringPtr("private_cert_action_revoke_certificate"),
	}

	createSecretVersionActionOptions := secretsManagerService.NewCreateSecretVersionActionOptions(
		secretIdForGetSecretLink,
		secretVersionIdForGetSecretVersionLink,
		secretVersionActionPrototypeModel,
	)

	versionAction, response, err := secretsManagerService.CreateSecretVersionAction(createSecretVersionActionOptions)
	if err != nil {
		panic(err)
	}
	b, _ := json.MarshalIndent(versionAction, "", "  ")
	fmt.Println(string(b))
	if response.StatusCode != 201 {
		fmt.Printf("\nUnexpected response status code received from CreateSecretVersionAction(): %d\n", response.StatusCode)
	}

	// Output:
	// {
	//   "action_type": "private_cert_action_revoke_certificate",
	//   "revocation_time_seconds": 1667982994
	// }
}

func ExampleSecretsManagerV2_ListSecretsLocks() {
	secretsManagerService := refExampleService()

	listSecretsLocksOptions := &secretsmanagerv2.ListSecretsLocksOptions{
		Limit:  core.Int64Ptr(int64(10)),
		Search: core.StringPtr("example"),
		Groups: []string{"default", "cac40995-c37a-4dcb-9506-472869077634"},
	}

	pager, err := secretsManagerService.NewSecretsLocksPager(listSecretsLocksOptions)
	if err != nil {
		panic(err)
	}

	var allResults []secretsmanagerv2.SecretLocks
	for pager.HasNext() {
		nextPage, err := pager.GetNext()
		if err != nil {
			panic(err)
		}
		allResults = append(allResults, nextPage...)
	}
	b, _ := json.MarshalIndent(allResults, "", "  ")
	fmt.Println(string(b))

	// Output:
	// [
	//   {
	//     "secret_group_id": "d8371728-95c8-4c12-b2af-1af98adb9e41",
	//     "secret_id": "0cf4addb-7a90-410b-a3a7-a15bbe2b7909",
	//     "secret_name": "example-imported-certificate",
	//     "secret_type": "imported_cert",
	//     "versions": [
	//       {
	//         "locks": [
	//           "lock-example-1",
	//           "lock-example-2"
	//         ],
	//         "version_alias": "current",
	//         "version_id": "7bf3814d-58f8-4df8-9cbd-f6860e4ca973"
	//       }
	//     ]
	//   }
	// ]
}

func ExampleSecretsManagerV2_ListSecretLocks() {
	secretsManagerService := refExampleService()

	listSecretLocksOptions := &secretsmanagerv2.ListSecretLocksOptions{
		ID:     &secretIdForGetSecretLink,
		Limit:  core.Int64Ptr(int64(10)),
		Sort:   core.StringPtr("name"),
		Search: core.StringPtr("example"),
	}

	pager, err := secretsManagerService.NewSecretLocksPager(listSecretLocksOptions)
	if err != nil {
		panic(err)
	}

	var allResults []secretsmanagerv2.SecretLock
	for pager.HasNext() {
		nextPage, err := pager.GetNext()
		if err != nil {
			panic(err)
		}
		allResults = append(allResults, nextPage...)
	}
	b, _ := json.MarshalIndent(allResults, "", "  ")
	fmt.Println(string(b))

	// Output:
	// [
	//   {
	//     "attributes": {
	//       "key": "value"
	//     },
	//     "created_at": "2022-06-27T11:58:15.000Z",
	//     "created_by": "iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21",
	//     "description": "Lock for consumer 1.",
	//     "name": "lock-example-1",
	//     "secret_group_id": "d8371728-95c8-4c12-b2af-1af98adb9e41",
	//     "secret_id": "0cf4addb-7a90-410b-a3a7-a15bbe2b7909",
	//     "secret_version_alias": "current",
	//     "secret_version_id": "7bf3814d-58f8-4df8-9cbd-f6860e4ca973",
	//     "updated_at": "2022-10-05T21:33:11.000Z"
	//   },
	//   {
	//     "created_at": "2022-06-27T11:58:15.000Z",
	//     "created_by": "iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21",
	//     "description": "Lock for consumer 2.",
	//     "name": "lock-example-2",
	//     "secret_group_id": "d8371728-95c8-4c12-b2af-1af98adb9e41",
	//     "secret_id": "0cf4addb-7a90-410b-a3a7-a15bbe2b7909",
	//     "secret_version_alias": "current",
	//     "secret_version_id": "7bf3814d-58f8-4df8-9cbd-f6860e4ca973",
	//     "updated_at": "2022-10-05T21:33:11.000Z"
	//   }
	// ]
}

func ExampleSecretsManagerV2_CreateSecretLocksBulk() {
	secretsManagerService := refExampleService()

	secretLockPrototypeModel := &secretsmanagerv2.SecretLockPrototype{
		Name:        core.StringPtr("lock-example-1"),
		Description: core.StringPtr("lock for consumer 1"),
	}

	createSecretLocksBulkOptions := secretsManagerService.NewCreateSecretLocksBulkOptions(
		secretIdForGetSecretLink,
		[]secretsmanagerv2.SecretLockPrototype{*secretLockPrototypeModel},
	)

	secretLocks, response, err := secretsManagerService.CreateSecretLocksBulk(createSecretLocksBulkOptions)
	if err != nil {
		panic(err)
	}
	b, _ := json.MarshalIndent(secretLocks, "", "  ")
	fmt.Println(string(b))
	if response.StatusCode != 201 {
		fmt.Printf("\nUnexpected response status code received from CreateSecretLocksBulk(): %d\n", response.StatusCode)
	}

	// Output:
	// {
	//   "secret_group_id": "d8371728-95c8-4c12-b2af-1af98adb9e41",
	//   "secret_id": "0cf4addb-7a90-410b-a3a7-a15bbe2b7909",
	//   "secret_type": null,
	//   "versions": [
	//     {
	//       "locks": [
	//         "lock-3",
	//         "lock-4"
	//       ],
	//       "payload_available": true,
	//       "version_alias": "current",
	//       "version_id": "7bf3814d-58f8-4df8-9cbd-f6860e4ca973"
	//     },
	//     {
	//       "locks": [
	//         "lock-example-1",
	//         "lock-example-2"
	//       ],
	//       "payload_available": true,
	//       "version_alias": "previous",
	//       "version_id": "5bf89b0c-df55-c8d5-7ad6-8816951c6784"
	//     }
	//   ]
	// }
}

func ExampleSecretsManagerV2_DeleteSecretLocksBulk() {
	secretsManagerService := refExampleService()

	deleteSecretLocksBulkOptions := secretsManagerService.NewDeleteSecretLocksBulkOptions(
		secretIdForGetSecretLink,
	)
	deleteSecretLocksBulkOptions.SetName([]string{"lock-example-1"})

	secretLocks, response, err := secretsManagerService.DeleteSecretLocksBulk(deleteSecretLocksBulkOptions)
	if err != nil {
		panic(err)
	}
	b, _ := json.MarshalIndent(secretLocks, "", "  ")
	fmt.Println(string(b))
	if response.StatusCode != 200 {
		fmt.Printf("\nUnexpected response status code received from DeleteSecretLocksBulk(): %d\n", response.StatusCode)
	}

	// Output:
	// {
	//   "secret_group_id": "d8371728-95c8-4c12-b2af-1af98adb9e41",
	//   "secret_id": "0cf4addb-7a90-410b-a3a7-a15bbe2b7909",
	//   "secret_type": null,
	//   "versions": [
	//     {
	//       "locks": [
	//         "lock-3",
	//         "lock-4"
	//       ],
	//       "payload_available": true,
	//       "version_alias": "current",
	//       "version_id": "7bf3814d-58f8-4df8-9cbd-f6860e4ca973"
	//     },
	//     {
	//       "locks": [
	//         "lock-example-1",
	//         "lock-example-2"
	//       ],
	//       "payload_available": true,
	//       "version_alias": "previous",
	//       "version_id": "5bf89b0c-df55-c8d5-7ad6-8816951c6784"
	//     }
	//   ]
	// }
}

func ExampleSecretsManagerV2_ListSecretVersionLocks() {
	secretsManagerService := refExampleService()

	listSecretVersionLocksOptions := &secretsmanagerv2.ListSecretVersionLocksOptions{
		SecretID: &secretIdForGetSecretLink,
		ID:       &secretVersionIdForGetSecretVersionLink,
		Limit:    core.Int64Ptr(int64(10)),
		Sort:     core.StringPtr("name"),
		Search:   core.StringPtr("example"),
	}

	pager, err := secretsManagerService.NewSecretVersionLocksPager(listSecretVersionLocksOptions)
	if err != nil {
		panic(err)
	}

	var allResults []secretsmanagerv2.SecretLock
	for pager.HasNext() {
		nextPage, err := pager.GetNext()
		if err != nil {
			panic(err)
		}
		allResults = append(allResults, nextPage...)
	}
	b, _ := json.MarshalIndent(allResults, "", "  ")
	fmt.Println(string(b))

	// Output:
	// [
	//   {
	//     "attributes": {
	//       "key": "value"
	//     },
	//     "created_at": "2022-06-27T11:58:15.000Z",
	//     "created_by": "iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21",
	//     "description": "lock for consumer 1.",
	//     "name": "lock-example-1",
	//     "secret_group_id": "d8371728-95c8-4c12-b2af-1af98adb9e41",
	//     "secret_id": "0cf4addb-7a90-410b-a3a7-a15bbe2b7909",
	//     "secret_version_alias": "current",
	//     "secret_version_id": "7bf3814d-58f8-4df8-9cbd-f6860e4ca973",
	//     "updated_at": "2022-10-05T21:33:11.000Z"
	//   }
	// ]
}

func ExampleSecretsManagerV2_CreateSecretVersionLocksBulk() {
	secretsManagerService := refExampleService()

	secretLockPrototypeModel := &secretsmanagerv2.SecretLockPrototype{
		Name:        core.StringPtr("lock-example-1"),
		Description: core.StringPtr("lock for consumer 1"),
	}

	createSecretVersionLocksBulkOptions := secretsManagerService.NewCreateSecretVersionLocksBulkOptions(
		secretIdForGetSecretLink,
		secretVersionIdForGetSecretVersionLink,
		[]secretsmanagerv2.SecretLockPrototype{*secretLockPrototypeModel},
	)

	secretLocks, response, err := secretsManagerService.CreateSecretVersionLocksBulk(createSecretVersionLocksBulkOptions)
	if err != nil {
		panic(err)
	}
	b, _ := json.MarshalIndent(secretLocks, "", "  ")
	fmt.Println(string(b))
	if response.StatusCode != 201 {
		fmt.Printf("\nUnexpected response status code received from CreateSecretVersionLocksBulk(): %d\n", response.StatusCode)
	}

	// Output:
	// {
	//   "secret_group_id": "d8371728-95c8-4c12-b2af-1af98adb9e41",
	//   "secret_id": "0cf4addb-7a90-410b-a3a7-a15bbe2b7909",
	//   "secret_type": null,
	//   "versions": [
	//     {
	//       "locks": [
	//         "lock-3",
	//         "lock-4"
	//       ],
	//       "payload_available": true,
	//       "version_alias": "current",
	//       "version_id": "7bf3814d-58f8-4df8-9cbd-f6860e4ca973"
	//     },
	//     {
	//       "locks": [
	//         "lock-example-1",
	//         "lock-example-2"
	//       ],
	//       "payload_available": true,
	//       "version_alias": "previous",
	//       "version_id": "5bf89b0c-df55-c8d5-7ad6-8816951c6784"
	//     }
	//   ]
	// }
}

func ExampleSecretsManagerV2_DeleteSecretVersionLocksBulk() {
	secretsManagerService := refExampleService()

	deleteSecretVersionLocksBulkOptions := secretsManagerService.NewDeleteSecretVersionLocksBulkOptions(
		secretIdForGetSecretLink,
		secretVersionIdForGetSecretVersionLink,
	)
	deleteSecretVersionLocksBulkOptions.SetName([]string{"lock-example-1"})

	secretLocks, response, err := secretsManagerService.DeleteSecretVersionLocksBulk(deleteSecretVersionLocksBulkOptions)
	if err != nil {
		panic(err)
	}
	b, _ := json.MarshalIndent(secretLocks, "", "  ")
	fmt.Println(string(b))
	if response.StatusCode != 200 {
		fmt.Printf("\nUnexpected response status code received from DeleteSecretVersionLocksBulk(): %d\n", response.StatusCode)
	}

	// Output:
	// {
	//   "secret_group_id": "d8371728-95c8-4c12-b2af-1af98adb9e41",
	//   "secret_id": "0cf4addb-7a90-410b-a3a7-a15bbe2b7909",
	//   "secret_type": null,
	//   "versions": [
	//     {
	//       "locks": [
	//         "lock-3",
	//         "lock-4"
	//       ],
	//       "payload_available": true,
	//       "version_alias": "current",
	//       "version_id": "7bf3814d-58f8-4df8-9cbd-f6860e4ca973"
	//     },
	//     {
	//       "locks": [
	//         "lock-example-1",
	//         "lock-example-2"
	//       ],
	//       "payload_available": true,
	//       "version_alias": "previous",
	//       "version_id": "5bf89b0c-df55-c8d5-7ad6-8816951c6784"
	//     }
	//   ]
	// }
}

func ExampleSecretsManagerV2_CreateConfiguration() {
	secretsManagerService := refExampleService()

	configurationPrototypeModel := &secretsmanagerv2.PrivateCertificateConfigurationRootCAPrototype{
		ConfigType:                     core.StringPtr("private_cert_configuration_root_ca"),
		Name:                           core.StringPtr("example-root-CA"),
		MaxTTL:                         core.StringPtr("43830h"),
		CrlExpiry:                      core.StringPtr("72h"),
		CrlDisable:                     core.BoolPtr(false),
		CrlDistributionPointsEncoded:   core.BoolPtr(true),
		IssuingCertificatesUrlsEncoded: core.BoolPtr(true),
		CommonName:                     core.StringPtr("example.com"),
		AltNames:                       []string{"alt-name-1", "alt-name-2"},
		IpSans:                         core.StringPtr("127.0.0.1"),
		UriSans:                        core.StringPtr("https://www.example.com/test"),
		OtherSans:                      []string{"1.2.3.5.4.3.201.10.4.3;utf8:test@example.com"},
		TTL:                            core.StringPtr("2190h"),
		Format:                         core.StringPtr("pem"),
		PrivateKeyFormat:               core.StringPtr("der"),
		KeyType:                        core.StringPtr("rsa"),
		KeyBits:                        core.Int64Ptr(int64(4096)),
		MaxPathLength:                  core.Int64Ptr(int64(-1)),
		ExcludeCnFromSans:              core.BoolPtr(false),
	}

	createConfigurationOptions := secretsManagerService.NewCreateConfigurationOptions(
		configurationPrototypeModel,
	)

	configuration, response, err := secretsManagerService.CreateConfiguration(createConfigurationOptions)
	if err != nil {
		panic(err)
	}
	b, _ := json.MarshalIndent(configuration, "", "  ")
	fmt.Println(string(b))
	if response.StatusCode != 201 {
		fmt.Printf("\nUnexpected response status code received from CreateConfiguration(): %d\n", response.StatusCode)
	}

	// Output:
	// {
	//   "alt_names": [
	//     "alt-name-1",
	//     "alt-name-2"
	//   ],
	//   "common_name": "example.com",
	//   "config_type": "private_cert_configuration_root_ca",
	//   "created_at": "2030-03-14T14:51:32.802Z",
	//   "created_by": "iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21",
	//   "crl_disable": false,
	//   "crl_distribution_points_encoded": true,
	//   "crl_expiry_seconds": 259200,
	//   "data": {
	//     "certificate": "-----BEGIN CERTIFICATE-----\\nMIIIsDCCBpigAwIBsQ9YmHmWDP4=\\n-----END CERTIFICATE-----",
	//     "expiration": 1686689494,
	//     "issuing_ca": "-----BEGIN CERTIFICATE-----\\nMIIIsDCCBpigAwIBAsQ9YmHmWDP4=\\n-----END CERTIFICATE-----"
	//   },
	//   "exclude_cn_from_sans": false,
	//   "expiration_date": "2030-06-13T20:51:34.000Z",
	//   "format": "pem",
	//   "ip_sans": "127.0.0.1",
	//   "issuing_certificates_urls_encoded": true,
	//   "key_bits": 4096,
	//   "key_type": "rsa",
	//   "max_path_length": -1,
	//   "max_ttl_seconds": 157788000,
	//   "name": "example-root-CA",
	//   "other_sans": [
	//     "1.2.3.5.4.3.201.10.4.3;utf8:test@example.com"
	//   ],
	//   "private_key_format": "der",
	//   "secret_type": "private_cert",
	//   "serial_number": "59:09:26:bd:32:5e:dd:29:1d:7f:36:48:9f:c1:79:9f:05:7a:f3:c1",
	//   "status": "configured",
	//   "ttl_seconds": 7884000,
	//   "updated_at": "2030-03-14T14:51:32.802Z",
	//   "uri_sans": "https://www.example.com/test"
	// }
}

func ExampleSecretsManagerV2_ListConfigurations() {
	secretsManagerService := refExampleService()

	listConfigurationsOptions := &secretsmanagerv2.ListConfigurationsOptions{
		Limit:  core.Int64Ptr(int64(10)),
		Sort:   core.StringPtr("config_type"),
		Search: core.StringPtr("example"),
	}

	pager, err := secretsManagerService.NewConfigurationsPager(listConfigurationsOptions)
	if err != nil {
		panic(err)
	}

	var allResults []secretsmanagerv2.ConfigurationMetadataIntf
	for pager.HasNext() {
		nextPage, err := pager.GetNext()
		if err != nil {
			panic(err)
		}
		allResults = append(allResults, nextPage...)
	}
	b, _ := json.MarshalIndent(allResults, "", "  ")
	fmt.Println(string(b))

	// Output:
	// [
	//   {
	//     "config_type": "public_cert_configuration_ca_lets_encrypt",
	//     "created_at": "2022-06-27T11:58:15.000Z",
	//     "created_by": "iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21",
	//     "lets_encrypt_environment": "production",
	//     "name": "lets-encrypt-config",
	//     "secret_type": "public_cert",
	//     "updated_at": "2022-10-05T21:33:11.000Z"
	//   },
	//   {
	//     "config_type": "public_cert_configuration_dns_cloud_internet_services",
	//     "created_at": "2022-06-27T11:58:15.000Z",
	//     "created_by": "iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21",
	//     "name": "cloud-internet-services-config",
	//     "secret_type": "public_cert",
	//     "updated_at": "2022-10-05T21:33:11.000Z"
	//   },
	//   {
	//     "config_type": "public_cert_configuration_dns_classic_infrastructure",
	//     "created_at": "2022-06-27T11:58:15.000Z",
	//     "created_by": "iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21",
	//     "name": "classic-infrastructure-config",
	//     "secret_type": "public_cert",
	//     "updated_at": "2022-10-05T21:33:11.000Z"
	//   },
	//   {
	//     "common_name": "ibm.com",
	//     "config_type": "private_cert_configuration_root_ca",
	//     "created_at": "2022-11-08T11:22:19.000Z",
	//     "created_by": "iam-ServiceId-1ba95813-1b0f-45c1-b46c-969a5fda08d1",
	//     "expiration_date": "2030-03-31T01:13:07.000Z",
	//     "key_bits": 2048,
	//     "key_type": "rsa",
	//     "name": "internal-root",
	//     "secret_type": "private_cert",
	//     "status": "configured",
	//     "updated_at": "2022-11-08T11:22:19.000Z"
	//   },
	//   {
	//     "common_name": "ibm.com",
	//     "config_type": "private_cert_configuration_intermediate_ca",
	//     "created_at": "2022-11-08T11:22:19.000Z",
	//     "created_by": "iam-ServiceId-1ba95813-1b0f-45c1-b46c-969a5fda08d1",
	//     "expiration_date": "2030-03-31T01:13:07.000Z",
	//     "issuer": "internal-root",
	//     "key_bits": 2048,
	//     "key_type": "rsa",
	//     "name": "example-intermediate-CA",
	//     "secret_type": "private_cert",
	//     "signing_method": null,
	//     "status": "configured",
	//     "updated_at": "2022-11-08T11:22:19.000Z"
	//   },
	//   {
	//     "certificate_authority": "inter-1",
	//     "config_type": "private_cert_configuration_template",
	//     "created_at": "2022-11-08T11:22:23.000Z",
	//     "created_by": "iam-ServiceId-8e54a866-476b-46cd-ba05-dbeae5f1d984",
	//     "name": "example-certificate-template",
	//     "secret_type": "private_cert",
	//     "updated_at": "2022-11-08T11:22:23.000Z"
	//   }
	// ]
}

func ExampleSecretsManagerV2_GetConfiguration() {
	secretsManagerService := refExampleService()

	getConfigurationOptions := secretsManagerService.NewGetConfigurationOptions(
		configurationNameForGetConfigurationLink,
	)
	getConfigurationOptions.SetXSmAcceptConfigurationType("private_cert_configuration_root_ca")

	configuration, response, err := secretsManagerService.GetConfiguration(getConfigurationOptions)
	if err != nil {
		panic(err)
	}
	b, _ := json.MarshalIndent(configuration, "", "  ")
	fmt.Println(string(b))
	if response.StatusCode != 200 {
		fmt.Printf("\nUnexpected response status code received from GetConfiguration(): %d\n", response.StatusCode)
	}

	// Output:
	// {
	//   "alt_names": [
	//     "alt-name-1",
	//     "alt-name-2"
	//   ],
	//   "common_name": "example.com",
	//   "config_type": "private_cert_configuration_root_ca",
	//   "created_at": "2030-03-14T14:51:32.802Z",
	//   "created_by": "iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21",
	//   "crl_disable": false,
	//   "crl_distribution_points_encoded": true,
	//   "crl_expiry_seconds": 259200,
	//   "data": {
	//     "certificate": "-----BEGIN CERTIFICATE-----\\nMIIIsDCCBpigAwIBsQ9YmHmWDP4=\\n-----END CERTIFICATE-----",
	//     "expiration": 1686689494,
	//     "issuing_ca": "-----BEGIN CERTIFICATE-----\\nMIIIsDCCBpigAwIBAsQ9YmHmWDP4=\\n-----END CERTIFICATE-----"
	//   },
	//   "exclude_cn_from_sans": false,
	//   "expiration_date": "2030-06-13T20:51:34.000Z",
	//   "format": "pem",
	//   "ip_sans": "127.0.0.1",
	//   "issuing_certificates_urls_encoded": true,
	//   "key_bits": 4096,
	//   "key_type": "rsa",
	//   "max_path_length": -1,
	//   "max_ttl_seconds": 157788000,
	//   "name": "example-root-CA",
	//   "other_sans": [
	//     "1.2.3.5.4.3.201.10.4.3;utf8:test@example.com"
	//   ],
	//   "private_key_format": "der",
	//   "secret_type": "private_cert",
	//   "serial_number": "59:09:26:bd:32:5e:dd:29:1d:7f:36:48:9f:c1:79:9f:05:7a:f3:c1",
	//   "status": "configured",
	//   "ttl_seconds": 7884000,
	//   "updated_at": "2030-03-14T14:51:32.802Z",
	//   "uri_sans": "https://www.example.com/test"
	// }
}

func ExampleSecretsManagerV2_UpdateConfiguration() {
	secretsManagerService := refExampleService()

	configurationPatchModel := &secretsmanagerv2.IAMCredentialsConfigurationPatch{
		ApiKey: core.StringPtr("RmnPBn6n1dzoo0v3kyznKEpg0WzdTpW9lW7FtKa017_u"),
	}
	configurationPatchModelAsPatch, asPatchErr := configurationPatchModel.AsPatch()
	if asPatchErr != nil {
		panic(asPatchErr)
	}

	updateConfigurationOptions := secretsManagerService.NewUpdateConfigurationOptions(
		configurationNameForGetConfigurationLink,
		configurationPatchModelAsPatch,
	)
	updateConfigurationOptions.SetXSmAcceptConfigurationType("private_cert_configuration_root_ca")

	configuration, response, err := secretsManagerService.UpdateConfiguration(updateConfigurationOptions)
	if err != nil {
		panic(err)
	}
	b, _ := json.MarshalIndent(configuration, "", "  ")
	fmt.Println(string(b))
	if response.StatusCode != 200 {
		fmt.Printf("\nUnexpected response status code received from UpdateConfiguration(): %d\n", response.StatusCode)
	}

	// Output:
	// {
	//   "api_key": "2epu_ykv0PMp2MhxQmDMn7VzrkSlBwi6BOI8uthi_RCS",
	//   "config_type": "iam_credentials_configuration",
	//   "created_at": "2022-06-27T11:58:15.000Z",
	//   "created_by": "iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21",
	//   "name": "iam-configuration",
	//   "secret_type": "iam_credentials",
	//   "updated_at": "2022-10-05T21:33:11.000Z"
	// }
}

func ExampleSecretsManagerV2_DeleteConfiguration() {
	secretsManagerService := refExampleService()

	deleteConfigurationOptions := secretsManagerService.NewDeleteConfigurationOptions(
		configurationNameForGetConfigurationLink,
	)
	deleteConfigurationOptions.SetXSmAcceptConfigurationType("private_cert_configuration_root_ca")

	response, err := secretsManagerService.DeleteConfiguration(deleteConfigurationOptions)
	if err != nil {
		panic(err)
	}
	if response.StatusCode != 204 {
		fmt.Printf("\nUnexpected response status code received from DeleteConfiguration(): %d\n", response.StatusCode)
	}

	// Output:
}

func ExampleSecretsManagerV2_CreateConfigurationAction() {
	secretsManagerService := refExampleService()

	configurationActionPrototypeModel := &secretsmanagerv2.PrivateCertificateConfigurationActionRotateCRLPrototype{
		ActionType: core.StringPtr("private_cert_configuration_action_rotate_crl"),
	}

	createConfigurationActionOptions := secretsManagerService.NewCreateConfigurationActionOptions(
		configurationNameForGetConfigurationLink,
		configurationActionPrototypeModel,
	)
	createConfigurationActionOptions.SetXSmAcceptConfigurationType("private_cert_configuration_root_ca")

	configurationAction, response, err := secretsManagerService.CreateConfigurationAction(createConfigurationActionOptions)
	if err != nil {
		panic(err)
	}
	b, _ := json.MarshalIndent(configurationAction, "", "  ")
	fmt.Println(string(b))
	if response.StatusCode != 201 {
		fmt.Printf("\nUnexpected response status code received from CreateConfigurationAction(): %d\n", response.StatusCode)
	}

	// Output:
	// {
	//   "action_type": "private_cert_configuration_action_rotate_crl",
	//   "success": true
	// }
}

func ExampleSecretsManagerV2_CreateNotificationsRegistration() {
	secretsManagerService := refExampleService()

	createNotificationsRegistrationOptions := secretsManagerService.NewCreateNotificationsRegistrationOptions(
		"crn:v1:bluemix:public:event-notifications:us-south:a/22018f3c34ff4ff193698d15ca316946:578ad1a4-2fd8-4e66-95d5-79a842ba91f8::",
		"My Secrets Manager",
	)
	createNotificationsRegistrationOptions.SetEventNotificationsSourceDescription("Optional description of this source in an Event Notifications instance.")

	notificationsRegistration, response, err := secretsManagerService.CreateNotificationsRegistration(createNotificationsRegistrationOptions)
	if err != nil {
		panic(err)
	}
	b, _ := json.MarshalIndent(notificationsRegistration, "", "  ")
	fmt.Println(string(b))
	if response.StatusCode != 201 {
		fmt.Printf("\nUnexpected response status code received from CreateNotificationsRegistration(): %d\n", response.StatusCode)
	}

	// Output:
	// {
	//   "event_notifications_instance_crn": "crn:v1:bluemix:public:event-notifications:us-south:a/22018f3c34ff4ff193698d15ca316946:578ad1a4-2fd8-4e66-95d5-79a842ba91f8::"
	// }
}

func ExampleSecretsManagerV2_GetNotificationsRegistration() {
	secretsManagerService := refExampleService()

	getNotificationsRegistrationOptions := secretsManagerService.NewGetNotificationsRegistrationOptions()

	notificationsRegistration, response, err := secretsManagerService.GetNotificationsRegistration(getNotificationsRegistrationOptions)
	if err != nil {
		panic(err)
	}
	b, _ := json.MarshalIndent(notificationsRegistration, "", "  ")
	fmt.Println(string(b))
	if response.StatusCode != 200 {
		fmt.Printf("\nUnexpected response status code received from GetNotificationsRegistration(): %d\n", response.StatusCode)
	}

	// Output:
	// {
	//   "event_notifications_instance_crn": "crn:v1:bluemix:public:event-notifications:us-south:a/22018f3c34ff4ff193698d15ca316946:578ad1a4-2fd8-4e66-95d5-79a842ba91f8::"
	// }
}

func ExampleSecretsManagerV2_DeleteNotificationsRegistration() {
	secretsManagerService := refExampleService()

	deleteNotificationsRegistrationOptions := secretsManagerService.NewDeleteNotificationsRegistrationOptions()

	response, err := secretsManagerService.DeleteNotificationsRegistration(deleteNotificationsRegistrationOptions)
	if err != nil {
		panic(err)
	}
	if response.StatusCode != 204 {
		fmt.Printf("\nUnexpected response status code received from DeleteNotificationsRegistration(): %d\n", response.StatusCode)
	}

	// Output:
}

func ExampleSecretsManagerV2_GetNotificationsRegistrationTest() {
	secretsManagerService := refExampleService()

	getNotificationsRegistrationTestOptions := secretsManagerService.NewGetNotificationsRegistrationTestOptions()

	response, err := secretsManagerService.GetNotificationsRegistrationTest(getNotificationsRegistrationTestOptions)
	if err != nil {
		panic(err)
	}
	if response.StatusCode != 204 {
		fmt.Printf("\nUnexpected response status code received from GetNotificationsRegistrationTest(): %d\n", response.StatusCode)
	}

	// Output:
}
