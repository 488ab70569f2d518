package dev.fer.detector.blazeface.tflite;

/** Activation fused into an operator ({@code ActivationFunctionType} in schema.fbs). */
public enum Activation {
    NONE, RELU, RELU_N1_TO_1, RELU6, TANH, SIGN_BIT;

    static Activation of(int code, String where) {
        Activation[] all = values();
        if (code < 0 || code >= all.length) {
            throw new TfliteFormatException(where + ": unknown fused activation code " + code);
        }
        return all[code];
    }
}
