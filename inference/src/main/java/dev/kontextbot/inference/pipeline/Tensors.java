package dev.kontextbot.inference.pipeline;

import ai.onnxruntime.OnnxTensor;
import java.util.ArrayList;
import java.util.List;

/** Tensors bound for a whole sampling loop, closed together when it ends. */
final class Tensors implements AutoCloseable {

    private final List<OnnxTensor> tensors = new ArrayList<>();

    OnnxTensor add(OnnxTensor tensor) {
        tensors.add(tensor);
        return tensor;
    }

    @Override
    public void close() {
        tensors.forEach(OnnxTensor::close);
        tensors.clear();
    }
}
