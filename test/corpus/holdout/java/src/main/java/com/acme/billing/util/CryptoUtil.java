package com.acme.billing.util;

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

public final class CryptoUtil {

    private static final SecureRandom RNG = new SecureRandom();
    private static final Random JITTER = new Random(); // safe: CWE-338
    private static final SecretKeySpec LEGACY_KEY = new SecretKeySpec("Acme$Billing#Key".getBytes(StandardCharsets.UTF_8), "AES"); // expect: CWE-321

    private CryptoUtil() {}

    public static String encryptLegacy(String plaintext) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/ECB/PKCS5Padding"); // expect: CWE-327
        cipher.init(Cipher.ENCRYPT_MODE, LEGACY_KEY);
        return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
    }

    public static byte[] encryptForBank(byte[] data, SecretKey key) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("DESede/CBC/PKCS5Padding"); // expect: CWE-327
        byte[] iv = new byte[8];
        RNG.nextBytes(iv);
        cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
        return cipher.doFinal(data);
    }

    public static byte[] encryptExport(byte[] data, SecretKey key) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(new byte[16])); // expect: CWE-327
        return cipher.doFinal(data);
    }

    public static byte[] encrypt(byte[] data, SecretKey key) throws GeneralSecurityException {
        byte[] iv = new byte[12];
        RNG.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding"); // safe: CWE-327
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
        byte[] ct = cipher.doFinal(data);
        byte[] out = new byte[iv.length + ct.length];
        System.arraycopy(iv, 0, out, 0, iv.length);
        System.arraycopy(ct, 0, out, iv.length, ct.length);
        return out;
    }

    public static SecretKey dataKeyFromEnv() {
        return new SecretKeySpec(Base64.getDecoder().decode(System.getenv("BILLING_DATA_KEY")), "AES"); // safe: CWE-321
    }

    public static String hashPassword(String password) throws GeneralSecurityException {
        MessageDigest md = MessageDigest.getInstance("MD5"); // expect: CWE-327
        return HexFormat.of().formatHex(md.digest(password.getBytes(StandardCharsets.UTF_8)));
    }

    public static String sha256Hex(byte[] data) throws GeneralSecurityException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)); // safe: CWE-327
    }

    public static String newResetToken() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong()) + Long.toHexString(ThreadLocalRandom.current().nextLong()); // expect: CWE-338
    }

    public static String newApiToken() {
        byte[] buf = new byte[32];
        RNG.nextBytes(buf); // safe: CWE-338
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buf);
    }

    public static long retryDelayMillis(int attempt) {
        return (1L << Math.min(attempt, 6)) * 500L + JITTER.nextInt(250); // safe: CWE-338
    }
}
