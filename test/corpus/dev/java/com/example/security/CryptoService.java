package com.example.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Service;

@Service
public class CryptoService {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(12);
    private final SecretKey fieldKey;

    public CryptoService(SecretKey fieldKey) {
        this.fieldKey = fieldKey;
    }

    public String hashPassword(String password) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("MD5").digest(password.getBytes(StandardCharsets.UTF_8)); // expect: CWE-327
        return HexFormat.of().formatHex(digest);
    }

    public String hashPasswordSalted(String password, String salt) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-1").digest((salt + password).getBytes(StandardCharsets.UTF_8)); // expect: CWE-327
        return Base64.getEncoder().encodeToString(digest);
    }

    public String hashPasswordBcrypt(String password) {
        return bcrypt.encode(password); // safe: CWE-327
    }

    public String etag(byte[] body) throws GeneralSecurityException {
        return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body)) + "\""; // safe: CWE-327
    }

    public String checksum(byte[] file) throws GeneralSecurityException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file)); // safe: CWE-327
    }

    public byte[] encryptDeterministic(byte[] value) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/ECB/PKCS5Padding"); // expect: CWE-327
        cipher.init(Cipher.ENCRYPT_MODE, fieldKey);
        return cipher.doFinal(value);
    }

    public byte[] encryptDefault(byte[] value) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES"); // expect: CWE-327
        cipher.init(Cipher.ENCRYPT_MODE, fieldKey);
        return cipher.doFinal(value);
    }

    public byte[] encryptLegacy(byte[] value, byte[] desKey) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("DESede/CBC/PKCS5Padding"); // expect: CWE-327
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(desKey, "DESede"));
        return cipher.doFinal(value);
    }

    public byte[] encryptCbc(byte[] value) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, fieldKey, new IvParameterSpec("0123456789abcdef".getBytes(StandardCharsets.US_ASCII))); // expect: CWE-327
        return cipher.doFinal(value);
    }

    public byte[] encryptWithBuiltinKey(byte[] value) throws GeneralSecurityException {
        SecretKeySpec key = new SecretKeySpec("Qm8xT2vL9rZ4pW7k".getBytes(StandardCharsets.UTF_8), "AES"); // expect: CWE-321
        byte[] iv = new byte[12];
        RANDOM.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
        return cipher.doFinal(value);
    }

    public byte[] encrypt(byte[] value) throws GeneralSecurityException {
        byte[] iv = new byte[12];
        RANDOM.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding"); // safe: CWE-327
        cipher.init(Cipher.ENCRYPT_MODE, fieldKey, new GCMParameterSpec(128, iv)); // safe: CWE-327
        byte[] body = cipher.doFinal(value);
        byte[] out = new byte[iv.length + body.length];
        System.arraycopy(iv, 0, out, 0, iv.length);
        System.arraycopy(body, 0, out, iv.length, body.length);
        return out;
    }

    public String resetToken() {
        return Long.toHexString(new Random().nextLong()) + Long.toHexString(new Random().nextLong()); // expect: CWE-338
    }

    public String loginCode() {
        return String.valueOf(100000 + new Random(System.currentTimeMillis()).nextInt(900000)); // expect: CWE-338
    }

    public String secureToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes); // safe: CWE-338
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public long retryDelayMillis(int attempt) {
        return (1L << attempt) * 200 + ThreadLocalRandom.current().nextInt(0, 250); // safe: CWE-338
    }
}
