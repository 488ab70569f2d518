package dev.fer.detector.blazeface.tflite;

/** Element types of TFLite tensors ({@code TensorType} in schema.fbs), in schema order. */
public enum TensorType {
    FLOAT32, FLOAT16, INT32, UINT8, INT64, STRING, BOOL, INT16, COMPLEX64, INT8, FLOAT64, COMPLEX128,
    UINT64, RESOURCE, VARIANT, UINT32, UINT16, INT4;

    static TensorType of(int code, String where) {
        TensorType[] all = values();
        if (code < 0 || code >= all.length) {
            throw new TfliteFormatException(where + ": unknown tensor type code " + code);
        }
        return all[code];
    }
}
