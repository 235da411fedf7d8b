package graph

import (
	"bytes"
	"crypto/rsa"
	"crypto/x509"
	"fmt"
	"os"
	"time"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
	"software.sslmate.com/src/go-pkcs12"
)

// certificateCredential loads a PEM or PFX/P12 file holding the app's
// certificate and private key. MSAL signs assertions with RSA only (PS256),
// so other key types are refused here with a clear message.
func certificateCredential(path string, password Secret) (confidential.Credential, error) {
	certs, key, err := loadCertificate(path, password)
	if err != nil {
		return confidential.Credential{}, err
	}
	cred, err := confidential.NewCredFromCert(certs, key)
	if err != nil {
		return confidential.Credential{}, fmt.Errorf("certificate %s (%s): %v", path, EnvCertificatePath, err)
	}
	return cred, nil
}

func loadCertificate(path string, password Secret) ([]*x509.Certificate, *rsa.PrivateKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("reading the certificate (%s): %w", EnvCertificatePath, err)
	}
	var certs []*x509.Certificate
	var key any
	if bytes.Contains(data, []byte("-----BEGIN")) {
		if bytes.Contains(data, []byte("ENCRYPTED PRIVATE KEY")) || bytes.Contains(data, []byte("DEK-Info")) {
			return nil, nil, fmt.Errorf("certificate %s: encrypted PEM private keys are not supported; "+
				"use a PFX with %s, or an unencrypted PEM key protected by file permissions", path, EnvCertificatePassword)
		}
		certs, key, err = confidential.CertFromPEM(data, "")
		if err != nil {
			return nil, nil, fmt.Errorf("certificate %s: reading PEM: %v (authNeed a CERTIFICATE block and an unencrypted PRIVATE KEY or RSA PRIVATE KEY block)", path, err)
		}
	} else {
		var leaf *x509.Certificate
		var chain []*x509.Certificate
		key, leaf, chain, err = pkcs12.DecodeChain(data, password.Reveal())
		if err != nil {
			return nil, nil, fmt.Errorf("certificate %s: reading PFX/P12: %v (check %s)", path, err, EnvCertificatePassword)
		}
		certs = append([]*x509.Certificate{leaf}, chain...)
	}
	rsaKey, ok := key.(*rsa.PrivateKey)
	if !ok {
		return nil, nil, fmt.Errorf("certificate %s has a %s private key; Entra certificate credentials through MSAL authNeed an RSA key "+
			"(e.g. openssl req -x509 -newkey rsa:3072 -nodes -keyout key.pem -out cert.pem)", path, certKeyKind(key))
	}
	for _, c := range certs {
		if pub, ok := c.PublicKey.(*rsa.PublicKey); ok && pub.Equal(&rsaKey.PublicKey) && time.Now().After(c.NotAfter) {
			return nil, nil, fmt.Errorf("certificate %s expired on %s: upload a new one to the app registration", path, c.NotAfter.UTC().Format(time.DateOnly))
		}
	}
	return certs, rsaKey, nil
}

func certKeyKind(key any) string {
	switch key.(type) {
	case nil:
		return "missing"
	default:
		return fmt.Sprintf("%T", key)
	}
}
