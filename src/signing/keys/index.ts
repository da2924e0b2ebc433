export { decodeBase64, SCRYPT_STANDARD, type EncryptedKeyDocument } from './encrypted.ts';
export {
  COSIGN_ENCRYPTED_PEM,
  encodePem,
  encryptPrivateKey,
  exportPublicKey,
  generateKeyPair,
  keyAlgorithm,
  keyFingerprint,
  loadPrivateKey,
  loadPublicKey,
  SIGSTORE_ENCRYPTED_PEM,
  type KeyAlgorithm,
} from './pem.ts';
export { signData, verifyData } from './sign.ts';
