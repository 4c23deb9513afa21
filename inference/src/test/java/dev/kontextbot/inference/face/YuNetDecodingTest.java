package dev.kontextbot.inference.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** YuNet's output decoding on hand-made outputs for a 64 x 64 input (stride 8: 8 x 8 anchors, 16: 4 x 4, 32: 2 x 2). */
class YuNetDecodingTest {

    private static final int SIDE = 64;

    private static YuNetDecoding.StrideOutputs empty(int stride) {
        int a = YuNetDecoding.anchors(SIDE, SIDE, stride);
        return new YuNetDecoding.StrideOutputs(stride, new float[a], new float[a], new float[a * 4], new float[a * 10]);
    }

    /** Sets anchor (row, col) of {@code o}: scores, box offsets and every landmark at offset (0.25, 0.75). */
    private static void anchor(YuNetDecoding.StrideOutputs o, int row, int col, float cls, float obj,
                               float dx, float dy, float logW, float logH) {
        int i = row * (SIDE / o.stride()) + col;
        o.cls()[i] = cls;
        o.obj()[i] = obj;
        o.bbox()[i * 4] = dx;
        o.bbox()[i * 4 + 1] = dy;
        o.bbox()[i * 4 + 2] = logW;
        o.bbox()[i * 4 + 3] = logH;
        for (int n = 0; n < 5; n++) {
            o.kps()[i * 10 + 2 * n] = 0.25f;
            o.kps()[i * 10 + 2 * n + 1] = 0.75f;
        }
    }

    @Test
    void anAnchorDecodesToItsBoxLandmarksAndScore() {
        YuNetDecoding.StrideOutputs s8 = empty(8);
        // row 2, col 3: centre ((3 + 0.5) * 8, (2 + 0.5) * 8) = (28, 20); size exp(ln 2) * 8 = 16 by exp(0) * 8 = 8
        anchor(s8, 2, 3, 1f, 0.81f, 0.5f, 0.5f, (float) Math.log(2), 0f);

        List<FaceBox> faces = YuNetDecoding.decode(List.of(s8, empty(16), empty(32)), SIDE, SIDE);

        assertThat(faces).hasSize(1);
        FaceBox f = faces.getFirst();
        assertThat(f.x()).isCloseTo(20, within(1e-4));
        assertThat(f.y()).isCloseTo(16, within(1e-4));
        assertThat(f.width()).isCloseTo(16, within(1e-4));
        assertThat(f.height()).isCloseTo(8, within(1e-4));
        assertThat(f.score()).isCloseTo(0.9, within(1e-6)); // sqrt(1 * 0.81)
        // landmark = (offset + col) * stride, (offset + row) * stride
        assertThat(f.landmarks()).allSatisfy(p -> {
            assertThat(p.x()).isCloseTo((0.25 + 3) * 8, within(1e-4));
            assertThat(p.y()).isCloseTo((0.75 + 2) * 8, within(1e-4));
        });
    }

    @Test
    void scoresAreClampedBeforeTheThreshold() {
        YuNetDecoding.StrideOutputs s32 = empty(32);
        anchor(s32, 1, 1, 5f, 0.7f, 0, 0, 0, 0);   // clamped: sqrt(1 * 0.7) = 0.84 < 0.9
        anchor(s32, 0, 0, 1f, -3f, 0, 0, 0, 0);    // clamped to 0

        assertThat(YuNetDecoding.decode(List.of(empty(8), empty(16), s32), SIDE, SIDE)).isEmpty();
        assertThat(YuNetDecoding.candidates(List.of(s32), SIDE, SIDE, 0.8)).singleElement()
                .satisfies(f -> assertThat(f.score()).isCloseTo(Math.sqrt(0.7), within(1e-6)));
    }

    @Test
    void overlappingBoxesKeepTheBestAndSeparateFacesStay() {
        YuNetDecoding.StrideOutputs s16 = empty(16);
        // Two anchors next to each other with 32-pixel boxes: they overlap by IoU 16*32 / (2*1024 - 512) = 1/3 > 0.3.
        anchor(s16, 1, 1, 0.95f, 0.95f, 0.5f, 0.5f, (float) Math.log(2), (float) Math.log(2));
        anchor(s16, 1, 2, 1f, 1f, 0.5f, 0.5f, (float) Math.log(2), (float) Math.log(2));
        YuNetDecoding.StrideOutputs s8 = empty(8);
        anchor(s8, 7, 0, 1f, 0.9f, 0.5f, 0.5f, 0, 0); // a small face far from them

        List<FaceBox> faces = YuNetDecoding.decode(List.of(s8, s16, empty(32)), SIDE, SIDE);

        assertThat(faces).hasSize(2);
        assertThat(faces.get(0).score()).isEqualTo(1.0);
        assertThat(faces.get(0).x()).isCloseTo(24, within(1e-4)); // (2 + 0.5) * 16 - 16
        assertThat(faces.get(1).y()).isCloseTo(56, within(1e-4)); // (7 + 0.5) * 8 - 4
    }

    @Test
    void outputsTooSmallForTheInputAreRefused() {
        YuNetDecoding.StrideOutputs tiny = new YuNetDecoding.StrideOutputs(8, new float[3], new float[3],
                new float[12], new float[30]);
        assertThatThrownBy(() -> YuNetDecoding.candidates(List.of(tiny), SIDE, SIDE, 0.9))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64 anchors");
    }

    @Test
    void boxOverlapIsIntersectionOverUnion() {
        List<FaceBox.Point> p = List.of(new FaceBox.Point(0, 0), new FaceBox.Point(0, 0), new FaceBox.Point(0, 0),
                new FaceBox.Point(0, 0), new FaceBox.Point(0, 0));
        FaceBox a = new FaceBox(0, 0, 10, 10, p, 1);
        assertThat(a.iou(a)).isEqualTo(1.0);
        assertThat(a.iou(new FaceBox(5, 0, 10, 10, p, 1))).isCloseTo(50.0 / 150, within(1e-9));
        assertThat(a.iou(new FaceBox(20, 20, 5, 5, p, 1))).isZero();
    }
}
