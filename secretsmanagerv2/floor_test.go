package secretsmanagerv2

// The floor of the benchmarks: the plain structs a user would write by hand to read the same
// responses with encoding/json alone. They have the same fields as the SDK's models, with dates as
// strings, the concrete type of each polymorphic property, and no custom unmarshalers: decoding into
// them costs only what encoding/json costs.

type floorArbitrarySecret struct {
	CreatedAt        *string                `json:"created_at"`
	CreatedBy        *string                `json:"created_by"`
	Crn              *string                `json:"crn"`
	CustomMetadata   map[string]interface{} `json:"custom_metadata"`
	Description      *string                `json:"description"`
	Downloaded       *bool                  `json:"downloaded"`
	ExpirationDate   *string                `json:"expiration_date"`
	ID               *string                `json:"id"`
	Labels           []string               `json:"labels"`
	LocksTotal       *int64                 `json:"locks_total"`
	Name             *string                `json:"name"`
	Payload          *string                `json:"payload"`
	ReferencedBy     []string               `json:"referenced_by"`
	RetrievedAt      *string                `json:"retrieved_at"`
	SecretGroupID    *string                `json:"secret_group_id"`
	SecretType       *string                `json:"secret_type"`
	State            *int64                 `json:"state"`
	StateDescription *string                `json:"state_description"`
	UpdatedAt        *string                `json:"updated_at"`
	VersionsTotal    *int64                 `json:"versions_total"`
}

type floorCertificateIssuanceInfo struct {
	AutoRotated                *bool                    `json:"auto_rotated"`
	Challenges                 []floorChallengeResource `json:"challenges"`
	DnsChallengeValidationTime *string                  `json:"dns_challenge_validation_time"`
	ErrorCode                  *string                  `json:"error_code"`
	ErrorMessage               *string                  `json:"error_message"`
	OrderedOn                  *string                  `json:"ordered_on"`
	State                      *int64                   `json:"state"`
	StateDescription           *string                  `json:"state_description"`
}

type floorCertificateValidity struct {
	NotAfter  *string `json:"not_after"`
	NotBefore *string `json:"not_before"`
}

type floorChallengeResource struct {
	Domain         *string `json:"domain"`
	Expiration     *string `json:"expiration"`
	Status         *string `json:"status"`
	TxtRecordName  *string `json:"txt_record_name"`
	TxtRecordValue *string `json:"txt_record_value"`
}

type floorPasswordGenerationPolicyRO struct {
	IncludeDigits    *bool  `json:"include_digits"`
	IncludeSymbols   *bool  `json:"include_symbols"`
	IncludeUppercase *bool  `json:"include_uppercase"`
	Length           *int64 `json:"length"`
}

type floorPrivateCertificate struct {
	AltNames              []string                  `json:"alt_names"`
	CaChain               []string                  `json:"ca_chain"`
	Certificate           *string                   `json:"certificate"`
	CertificateAuthority  *string                   `json:"certificate_authority"`
	CertificateTemplate   *string                   `json:"certificate_template"`
	CommonName            *string                   `json:"common_name"`
	CreatedAt             *string                   `json:"created_at"`
	CreatedBy             *string                   `json:"created_by"`
	Crn                   *string                   `json:"crn"`
	CustomMetadata        map[string]interface{}    `json:"custom_metadata"`
	Description           *string                   `json:"description"`
	Downloaded            *bool                     `json:"downloaded"`
	ExpirationDate        *string                   `json:"expiration_date"`
	ID                    *string                   `json:"id"`
	Issuer                *string                   `json:"issuer"`
	IssuingCa             *string                   `json:"issuing_ca"`
	KeyAlgorithm          *string                   `json:"key_algorithm"`
	Labels                []string                  `json:"labels"`
	LocksTotal            *int64                    `json:"locks_total"`
	Name                  *string                   `json:"name"`
	NextRotationDate      *string                   `json:"next_rotation_date"`
	PrivateKey            *string                   `json:"private_key"`
	ReferencedBy          []string                  `json:"referenced_by"`
	RetrievedAt           *string                   `json:"retrieved_at"`
	RevocationTimeRfc3339 *string                   `json:"revocation_time_rfc3339"`
	RevocationTimeSeconds *int64                    `json:"revocation_time_seconds"`
	Rotation              *floorRotationPolicy      `json:"rotation"`
	SecretGroupID         *string                   `json:"secret_group_id"`
	SecretType            *string                   `json:"secret_type"`
	SerialNumber          *string                   `json:"serial_number"`
	SigningAlgorithm      *string                   `json:"signing_algorithm"`
	State                 *int64                    `json:"state"`
	StateDescription      *string                   `json:"state_description"`
	UpdatedAt             *string                   `json:"updated_at"`
	Validity              *floorCertificateValidity `json:"validity"`
	VersionsTotal         *int64                    `json:"versions_total"`
}

type floorRotationPolicy struct {
	AutoRotate *bool   `json:"auto_rotate"`
	Interval   *int64  `json:"interval"`
	RotateKeys *bool   `json:"rotate_keys"`
	Unit       *string `json:"unit"`
}

type floorSecretMetadata struct {
	AccessGroups             []string                                      `json:"access_groups"`
	AccountID                *string                                       `json:"account_id"`
	AltNames                 []string                                      `json:"alt_names"`
	ApiKeyID                 *string                                       `json:"api_key_id"`
	BundleCerts              *bool                                         `json:"bundle_certs"`
	Ca                       *string                                       `json:"ca"`
	CertificateAuthority     *string                                       `json:"certificate_authority"`
	CertificateTemplate      *string                                       `json:"certificate_template"`
	CommonName               *string                                       `json:"common_name"`
	Configuration            *string                                       `json:"configuration"`
	CreatedAt                *string                                       `json:"created_at"`
	CreatedBy                *string                                       `json:"created_by"`
	Crn                      *string                                       `json:"crn"`
	CustomMetadata           map[string]interface{}                        `json:"custom_metadata"`
	Description              *string                                       `json:"description"`
	Dns                      *string                                       `json:"dns"`
	Downloaded               *bool                                         `json:"downloaded"`
	ExpirationDate           *string                                       `json:"expiration_date"`
	ID                       *string                                       `json:"id"`
	IntermediateIncluded     *bool                                         `json:"intermediate_included"`
	IssuanceInfo             *floorCertificateIssuanceInfo                 `json:"issuance_info"`
	Issuer                   *string                                       `json:"issuer"`
	KeyAlgorithm             *string                                       `json:"key_algorithm"`
	Labels                   []string                                      `json:"labels"`
	LastFailedTaskID         *string                                       `json:"last_failed_task_id"`
	LastRotationFailed       *bool                                         `json:"last_rotation_failed"`
	LocksTotal               *int64                                        `json:"locks_total"`
	ManagedCsr               *floorImportedCertificateManagedCsrResponse   `json:"managed_csr"`
	Name                     *string                                       `json:"name"`
	NextRotationDate         *string                                       `json:"next_rotation_date"`
	Parameters               map[string]interface{}                        `json:"parameters"`
	PasswordGenerationPolicy *floorPasswordGenerationPolicyRO              `json:"password_generation_policy"`
	PrivateKeyIncluded       *bool                                         `json:"private_key_included"`
	ProcessingTaskID         *string                                       `json:"processing_task_id"`
	QueuedTaskCount          *int64                                        `json:"queued_task_count"`
	ReferencedBy             []string                                      `json:"referenced_by"`
	RetrievedAt              *string                                       `json:"retrieved_at"`
	ReuseApiKey              *bool                                         `json:"reuse_api_key"`
	RevocationTimeRfc3339    *string                                       `json:"revocation_time_rfc3339"`
	RevocationTimeSeconds    *int64                                        `json:"revocation_time_seconds"`
	Rotation                 *floorRotationPolicy                          `json:"rotation"`
	SecretGroupID            *string                                       `json:"secret_group_id"`
	SecretType               *string                                       `json:"secret_type"`
	SerialNumber             *string                                       `json:"serial_number"`
	ServiceID                *string                                       `json:"service_id"`
	ServiceIdIsStatic        *bool                                         `json:"service_id_is_static"`
	SigningAlgorithm         *string                                       `json:"signing_algorithm"`
	SourceService            *floorServiceCredentialsSecretSourceServiceRO `json:"source_service"`
	State                    *int64                                        `json:"state"`
	StateDescription         *string                                       `json:"state_description"`
	TaskCount                *int64                                        `json:"task_count"`
	TTL                      *string                                       `json:"ttl"`
	UpdatedAt                *string                                       `json:"updated_at"`
	Validity                 *floorCertificateValidity                     `json:"validity"`
	VersionsTotal            *int64                                        `json:"versions_total"`
}

type floorServiceCredentialsResourceKey struct {
	Crn  *string `json:"crn"`
	Name *string `json:"name"`
}

type floorServiceCredentialsSecretSourceServiceRO struct {
	Iam         *floorServiceCredentialsSourceServiceIam        `json:"iam"`
	Instance    *floorServiceCredentialsSourceServiceInstance   `json:"instance"`
	Parameters  *floorServiceCredentialsSourceServiceParameters `json:"parameters"`
	ResourceKey *floorServiceCredentialsResourceKey             `json:"resource_key"`
	Role        *floorServiceCredentialsSourceServiceRole       `json:"role"`
}

type floorServiceCredentialsSourceServiceIam struct {
	Apikey      *floorServiceCredentialsSourceServiceIamApikey    `json:"apikey"`
	ResourceKey *floorServiceCredentialsResourceKey               `json:"resource_key"`
	Role        *floorServiceCredentialsSourceServiceIamRole      `json:"role"`
	Serviceid   *floorServiceCredentialsSourceServiceIamServiceid `json:"serviceid"`
}

type floorServiceCredentialsSourceServiceIamApikey struct {
	Description *string `json:"description"`
	ID          *string `json:"id"`
	Name        *string `json:"name"`
}

type floorServiceCredentialsSourceServiceIamRole struct {
	Crn *string `json:"crn"`
}

type floorServiceCredentialsSourceServiceIamServiceid struct {
	Crn *string `json:"crn"`
}

type floorServiceCredentialsSourceServiceInstance struct {
	Crn *string `json:"crn"`
}

type floorServiceCredentialsSourceServiceParameters struct {
	ServiceidCrn *string `json:"serviceid_crn"`
}

type floorServiceCredentialsSourceServiceRole struct {
	Crn *string `json:"crn"`
}

type floorImportedCertificateManagedCsrResponse struct {
	AltNames            *string  `json:"alt_names"`
	ClientFlag          *bool    `json:"client_flag"`
	CodeSigningFlag     *bool    `json:"code_signing_flag"`
	CommonName          *string  `json:"common_name"`
	Country             []string `json:"country"`
	Csr                 *string  `json:"csr"`
	EmailProtectionFlag *bool    `json:"email_protection_flag"`
	ExcludeCnFromSans   *bool    `json:"exclude_cn_from_sans"`
	ExtKeyUsage         *string  `json:"ext_key_usage"`
	ExtKeyUsageOids     *string  `json:"ext_key_usage_oids"`
	IpSans              *string  `json:"ip_sans"`
	KeyBits             *int64   `json:"key_bits"`
	KeyType             *string  `json:"key_type"`
	KeyUsage            *string  `json:"key_usage"`
	Locality            []string `json:"locality"`
	Organization        []string `json:"organization"`
	OtherSans           *string  `json:"other_sans"`
	Ou                  []string `json:"ou"`
	PolicyIdentifiers   *string  `json:"policy_identifiers"`
	PostalCode          []string `json:"postal_code"`
	PrivateKey          *string  `json:"private_key"`
	Province            []string `json:"province"`
	RequireCn           *bool    `json:"require_cn"`
	RotateKeys          *bool    `json:"rotate_keys"`
	ServerFlag          *bool    `json:"server_flag"`
	StreetAddress       []string `json:"street_address"`
	UriSans             *string  `json:"uri_sans"`
	UserIds             *string  `json:"user_ids"`
}

type floorHref struct {
	Href *string `json:"href"`
}

type floorSecretsPage struct {
	First      *floorHref            `json:"first"`
	Next       *floorHref            `json:"next"`
	Previous   *floorHref            `json:"previous"`
	Last       *floorHref            `json:"last"`
	Limit      *int64                `json:"limit"`
	Offset     *int64                `json:"offset"`
	TotalCount *int64                `json:"total_count"`
	Secrets    []floorSecretMetadata `json:"secrets"`
}
