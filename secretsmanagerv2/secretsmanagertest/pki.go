package secretsmanagertest

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/url"
	"strings"
	"time"
)

// caMaterial is a certificate authority's key and certificate.
type caMaterial struct {
	key     crypto.Signer
	cert    *x509.Certificate
	certPEM string
	chain   []string // this CA's certificate followed by its issuers up to the root
}

func validKeyParams(keyType string, bits int64) error {
	switch keyType {
	case "rsa":
		if bits != 2048 && bits != 3072 && bits != 4096 {
			return fmt.Errorf("key_bits %d is not valid for key_type rsa (2048, 3072, 4096)", bits)
		}
	case "ec":
		if bits != 224 && bits != 256 && bits != 384 && bits != 521 {
			return fmt.Errorf("key_bits %d is not valid for key_type ec (224, 256, 384, 521)", bits)
		}
	default:
		return fmt.Errorf("key_type %q is not valid (rsa, ec)", keyType)
	}
	return nil
}

func generateKey(keyType string, bits int64) (crypto.Signer, error) {
	switch keyType {
	case "ed25519":
		_, k, err := ed25519.GenerateKey(rand.Reader)
		return k, err
	case "rsa":
		return rsa.GenerateKey(rand.Reader, int(bits))
	case "ec":
		var c elliptic.Curve
		switch bits {
		case 224:
			c = elliptic.P224()
		case 256:
			c = elliptic.P256()
		case 384:
			c = elliptic.P384()
		case 521:
			c = elliptic.P521()
		default:
			return nil, fmt.Errorf("unsupported EC key size %d", bits)
		}
		return ecdsa.GenerateKey(c, rand.Reader)
	}
	return nil, fmt.Errorf("unsupported key type %q", keyType)
}

// parseKeyAlgorithm maps "RSA2048", "EC256"... to a key type and size.
func parseKeyAlgorithm(alg string) (string, int64, error) {
	switch alg {
	case "RSA2048":
		return "rsa", 2048, nil
	case "RSA4096":
		return "rsa", 4096, nil
	case "EC256":
		return "ec", 256, nil
	case "EC384":
		return "ec", 384, nil
	}
	return "", 0, fmt.Errorf("key_algorithm %q is not valid (RSA2048, RSA4096, EC256, EC384)", alg)
}

func encodePrivateKey(k crypto.Signer, format string) (string, error) {
	if format == "pkcs8" {
		der, err := x509.MarshalPKCS8PrivateKey(k)
		if err != nil {
			return "", err
		}
		return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})), nil
	}
	switch key := k.(type) {
	case *rsa.PrivateKey:
		return string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})), nil
	case *ecdsa.PrivateKey:
		der, err := x509.MarshalECPrivateKey(key)
		if err != nil {
			return "", err
		}
		return string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der})), nil
	}
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		return "", err
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})), nil
}

func encodeCert(der []byte) string {
	return strings.TrimSpace(string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})))
}

func keyAlgorithm(pub any) string {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return fmt.Sprintf("RSA%d", k.N.BitLen())
	case *ecdsa.PublicKey:
		return fmt.Sprintf("EC%d", k.Curve.Params().BitSize)
	case ed25519.PublicKey:
		return "ED25519"
	}
	return "UNKNOWN"
}

// parseCerts parses one or more PEM certificates.
func parseCerts(s string) ([]*x509.Certificate, error) {
	rest := []byte(strings.TrimSpace(s))
	var out []*x509.Certificate
	for len(rest) > 0 {
		var blk *pem.Block
		blk, rest = pem.Decode(rest)
		if blk == nil {
			break
		}
		if blk.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(blk.Bytes)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, errors.New("no PEM certificate found")
	}
	return out, nil
}

func parsePrivateKey(s string) (crypto.Signer, error) {
	blk, _ := pem.Decode([]byte(strings.TrimSpace(s)))
	if blk == nil {
		return nil, errors.New("no PEM private key found")
	}
	if k, err := x509.ParsePKCS1PrivateKey(blk.Bytes); err == nil {
		return k, nil
	}
	if k, err := x509.ParseECPrivateKey(blk.Bytes); err == nil {
		return k, nil
	}
	k, err := x509.ParsePKCS8PrivateKey(blk.Bytes)
	if err != nil {
		return nil, errors.New("the private key cannot be parsed")
	}
	signer, ok := k.(crypto.Signer)
	if !ok {
		return nil, errors.New("unsupported private key type")
	}
	return signer, nil
}

func parseCSR(s string) (*x509.CertificateRequest, error) {
	blk, _ := pem.Decode([]byte(strings.TrimSpace(s)))
	if blk == nil || !strings.Contains(blk.Type, "CERTIFICATE REQUEST") {
		return nil, errors.New("no PEM certificate request found")
	}
	csr, err := x509.ParseCertificateRequest(blk.Bytes)
	if err != nil {
		return nil, err
	}
	if err := csr.CheckSignature(); err != nil {
		return nil, err
	}
	return csr, nil
}

func makeCSR(key crypto.Signer, subject pkix.Name) (string, error) {
	der, err := x509.CreateCertificateRequest(rand.Reader, &x509.CertificateRequest{Subject: subject}, key)
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: der}))), nil
}

func randomSerial() *big.Int {
	limit := new(big.Int).Lsh(big.NewInt(1), 159)
	n, err := rand.Int(rand.Reader, limit)
	if err != nil || n.Sign() == 0 {
		return big.NewInt(time.Now().UnixNano())
	}
	return n
}

func publicKeysEqual(a, b any) bool {
	type eq interface{ Equal(crypto.PublicKey) bool }
	if k, ok := a.(eq); ok {
		return k.Equal(b)
	}
	return false
}

// certRequest describes a certificate to issue.
type certRequest struct {
	commonName        string
	altNames          []string
	ipSANs            string
	uriSANs           string
	excludeCNFromSANs bool
	ttl               time.Duration
	isCA              bool
	maxPathLen        int64 // -1: unlimited
	subject           pkix.Name
	serverFlag        bool
	clientFlag        bool
	notBefore         time.Duration
}

func (cr certRequest) template(now time.Time) (*x509.Certificate, error) {
	subj := cr.subject
	subj.CommonName = cr.commonName
	nb := cr.notBefore
	if nb <= 0 {
		nb = 30 * time.Second
	}
	t := &x509.Certificate{
		SerialNumber: randomSerial(),
		Subject:      subj,
		NotBefore:    now.Add(-nb),
		NotAfter:     now.Add(cr.ttl),
	}
	var dns []string
	if cr.commonName != "" && !cr.excludeCNFromSANs && !cr.isCA && net.ParseIP(cr.commonName) == nil && !strings.Contains(cr.commonName, " ") {
		dns = append(dns, cr.commonName)
	}
	for _, n := range cr.altNames {
		if n = strings.TrimSpace(n); n == "" {
			continue
		}
		if ip := net.ParseIP(n); ip != nil {
			t.IPAddresses = append(t.IPAddresses, ip)
		} else if strings.Contains(n, "@") {
			t.EmailAddresses = append(t.EmailAddresses, n)
		} else if !contains(dns, n) {
			dns = append(dns, n)
		}
	}
	t.DNSNames = dns
	for _, s := range splitComma(cr.ipSANs) {
		ip := net.ParseIP(s)
		if ip == nil {
			return nil, fmt.Errorf("ip_sans: %q is not an IP address", s)
		}
		t.IPAddresses = append(t.IPAddresses, ip)
	}
	for _, s := range splitComma(cr.uriSANs) {
		u, err := url.Parse(s)
		if err != nil || u.Scheme == "" {
			return nil, fmt.Errorf("uri_sans: %q is not a URI", s)
		}
		t.URIs = append(t.URIs, u)
	}
	if cr.isCA {
		t.IsCA = true
		t.BasicConstraintsValid = true
		t.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature
		if cr.maxPathLen >= 0 {
			t.MaxPathLen = int(cr.maxPathLen)
			t.MaxPathLenZero = cr.maxPathLen == 0
		} else {
			t.MaxPathLen = -1
		}
	} else {
		t.BasicConstraintsValid = true
		t.KeyUsage = x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment | x509.KeyUsageKeyAgreement
		if cr.serverFlag {
			t.ExtKeyUsage = append(t.ExtKeyUsage, x509.ExtKeyUsageServerAuth)
		}
		if cr.clientFlag {
			t.ExtKeyUsage = append(t.ExtKeyUsage, x509.ExtKeyUsageClientAuth)
		}
	}
	return t, nil
}

// issue signs a certificate for pub. With ca nil the certificate is
// self-signed by selfKey.
func issue(cr certRequest, pub crypto.PublicKey, ca *caMaterial, selfKey crypto.Signer, now time.Time) (*x509.Certificate, string, error) {
	t, err := cr.template(now)
	if err != nil {
		return nil, "", err
	}
	parent, signer := t, selfKey
	if ca != nil {
		parent, signer = ca.cert, ca.key
		if t.NotAfter.After(ca.cert.NotAfter) {
			t.NotAfter = ca.cert.NotAfter
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, t, parent, pub, signer)
	if err != nil {
		return nil, "", err
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, "", err
	}
	return c, encodeCert(der), nil
}

// certInfo describes an issued certificate: the metadata of a certificate
// secret.
type certInfo struct {
	commonName       string
	altNames         []string
	serial           string
	keyAlgorithm     string
	signingAlgorithm string
	issuer           string
	notBefore        time.Time
	notAfter         time.Time
}

func newCertInfo(c *x509.Certificate) *certInfo {
	issuer := c.Issuer.CommonName
	if issuer == "" {
		if len(c.Issuer.Organization) > 0 {
			issuer = c.Issuer.Organization[0]
		} else {
			issuer = c.Issuer.String()
		}
	}
	var alt []string
	for _, d := range c.DNSNames {
		if d != c.Subject.CommonName {
			alt = append(alt, d)
		}
	}
	for _, ip := range c.IPAddresses {
		alt = append(alt, ip.String())
	}
	return &certInfo{
		commonName:       c.Subject.CommonName,
		altNames:         alt,
		serial:           colonHex(c.SerialNumber),
		keyAlgorithm:     keyAlgorithm(c.PublicKey),
		signingAlgorithm: c.SignatureAlgorithm.String(),
		issuer:           issuer,
		notBefore:        c.NotBefore.UTC(),
		notAfter:         c.NotAfter.UTC(),
	}
}

// expiration returns the certificate's expiration date.
func (ci *certInfo) expiration() *time.Time {
	t := ci.notAfter
	return &t
}

func (ci *certInfo) validity() map[string]any {
	return map[string]any{"not_before": fmtTime(ci.notBefore), "not_after": fmtTime(ci.notAfter)}
}

// render adds the certificate's metadata (expiration_date aside: it is the
// secret's) to m.
func (ci *certInfo) render(m map[string]any) {
	m["common_name"] = ci.commonName
	m["serial_number"] = ci.serial
	m["key_algorithm"] = ci.keyAlgorithm
	m["signing_algorithm"] = ci.signingAlgorithm
	m["issuer"] = ci.issuer
	m["validity"] = ci.validity()
	if len(ci.altNames) > 0 {
		m["alt_names"] = ci.altNames
	}
}

// certVersion is the data of a certificate secret version (imported,
// private or public): the certificate, its chain and key, and the metadata
// of that certificate.
type certVersion struct {
	certificate  string
	intermediate string
	privateKey   string
	issuingCA    string
	caChain      []string
	info         *certInfo // nil until a certificate is issued
	revokedAt    int64     // revocation_time_seconds of a revoked version
	csr          string    // the managed CSR the certificate was issued for
}

// newCertVersion returns the data of a version holding certificate c.
func newCertVersion(c *x509.Certificate, certPEM string) *certVersion {
	return &certVersion{certificate: strings.TrimSpace(certPEM), info: newCertInfo(c)}
}

func (d *certVersion) renderMetadata(m map[string]any) {
	if d.info != nil {
		m["serial_number"] = d.info.serial
		m["validity"] = d.info.validity()
	}
}

func (d *certVersion) renderData(m map[string]any) {
	for k, v := range map[string]string{"certificate": d.certificate, "intermediate": d.intermediate,
		"private_key": d.privateKey, "issuing_ca": d.issuingCA, "csr": d.csr} {
		if v != "" {
			m[k] = v
		}
	}
	if d.caChain != nil {
		m["ca_chain"] = d.caChain
	}
}

func (d *certVersion) clone() versionData { return shallow(d) }
func (d *certVersion) erase() {
	d.certificate, d.intermediate, d.privateKey, d.issuingCA, d.caChain = "", "", "", "", nil
}

func splitComma(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func subjectFrom(b *body) pkix.Name {
	var n pkix.Name
	n.Country, _ = b.strs("country")
	n.Organization, _ = b.strs("organization")
	n.OrganizationalUnit, _ = b.strs("ou")
	n.Locality, _ = b.strs("locality")
	n.Province, _ = b.strs("province")
	n.StreetAddress, _ = b.strs("street_address")
	n.PostalCode, _ = b.strs("postal_code")
	return n
}
