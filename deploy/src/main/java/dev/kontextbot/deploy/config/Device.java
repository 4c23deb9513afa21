package dev.kontextbot.deploy.config;

/** KONTEXT_DEVICE: which ONNX Runtime execution provider runs the model. */
public enum Device {
    CPU, CUDA, TENSORRT
}
