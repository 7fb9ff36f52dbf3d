import { describe, expect, it } from 'vitest';
import { flagOutliers, HYPERFINE_THRESHOLD, modifiedZScores } from './outliers.js';

describe('modified Z-scores (Iglewicz & Hoaglin)', () => {
  it('scores a worked example by hand', () => {
    // 10, 11, 12, 12, 13, 14, 35: median 12, |deviations| 2, 1, 0, 0, 1, 2, 23, so MAD = 1.
    // M = 0.6745 * (x - 12) / 1: 35 -> 15.5135, 14 -> 1.349, 10 -> -1.349.
    const { scores, scale } = modifiedZScores([10, 11, 12, 12, 13, 14, 35]);
    expect(scale).toBe('mad');
    expect(scores[6]).toBeCloseTo(15.5135, 10);
    expect(scores[5]).toBeCloseTo(1.349, 10);
    expect(scores[0]).toBeCloseTo(-1.349, 10);
    expect(flagOutliers([10, 11, 12, 12, 13, 14, 35]).outlierIndices).toEqual([6]);
  });

  it('matches numpy / scipy on hyperfine test sample with two planted outliers', () => {
    // Reference: numpy 2.4.6 / scipy 1.17.1
    //   med = np.median(xs); mad = stats.median_abs_deviation(xs)   # 0.22259918, 1.246598935
    //   0.6745 * (xs - med) / mad
    const xs = [
      2.33269488, 1.42195907, -0.57527698, -0.31293437, 2.2948158, 0.75813273, -1.0712388, -0.96394741,
      -1.15897446, 1.10976285, 20.0, -500.0,
    ];
    const { scores } = modifiedZScores(xs);
    expect(scores[0]).toBeCloseTo(1.1417140747436945, 10);
    expect(scores[6]).toBeCloseTo(-0.7000597329324687, 10);
    expect(scores[10]).toBeCloseTo(10.70100132332457, 10);
    expect(scores[11]).toBeCloseTo(-270.6565308808883, 8);
    expect(flagOutliers(xs).outlierIndices).toEqual([10, 11]);
  });
});

describe('flagOutliers', () => {
  // hyperfine's own cases (src/outlier_detection.rs, test_detect_outliers), at its threshold.
  it.each([
    [[50.0], 0],
    [[1000.0, 0.0], 0],
    [[-0.2, 0.0, 0.2], 0],
    [[-0.2, 0.0, 0.2, 4.0], 1],
    [[0.5, 0.3, 0.29, 0.31, 0.3], 1],
    [
      [
        2.33269488, 1.42195907, -0.57527698, -0.31293437, 2.2948158, 0.75813273, -1.0712388, -0.96394741,
        -1.15897446, 1.10976285,
      ],
      0,
    ],
  ])('agrees with hyperfine at threshold 10 on %j', (samples, expected) => {
    expect(flagOutliers(samples, { threshold: HYPERFINE_THRESHOLD }).outlierIndices).toHaveLength(expected);
  });

  it('falls back to the mean absolute deviation when MAD is 0 (IBM definition)', () => {
    // 10 x 7, 100: median 10, MAD 0; MeanAD = 90 / 8 = 11.25; M(100) = 90 / (1.253314 * 11.25) = 6.3831.
    const one = flagOutliers([10, 10, 10, 10, 10, 10, 10, 100]);
    expect(one.scale).toBe('mean-absolute-deviation');
    expect(one.scores[7]).toBeCloseTo(6.383077185765099, 10);
    expect(one.outlierIndices).toEqual([7]);
    // 10 x 7, 100, 100: MeanAD = 180 / 9 = 20; M = 90 / (1.253314 * 20) = 3.5905 > 3.5.
    const two = flagOutliers([10, 10, 10, 10, 10, 10, 10, 100, 100]);
    expect(two.scores[8]).toBeCloseTo(3.5904809169928686, 10);
    expect(two.outlierIndices).toEqual([7, 8]);
  });

  it('keeps a near-equal run when MAD is 0, where dividing by EPSILON (hyperfine) would flag it', () => {
    // 10 x 6, 10.5, 100: MAD 0; MeanAD = (0.5 + 90) / 8 = 11.3125, sd estimate 1.253314 * 11.3125.
    // M(10.5) = 0.5 / 14.1781 = 0.0353 (kept); M(100) = 90 / 14.1781 = 6.3478 (flagged).
    const report = flagOutliers([10, 10, 10, 10, 10, 10, 10.5, 100]);
    expect(report.scores[6]).toBeCloseTo(0.5 / (1.253314 * 11.3125), 12);
    expect(report.scores[7]).toBeCloseTo(90 / (1.253314 * 11.3125), 12);
    expect(report.outlierIndices).toEqual([7]);
  });

  it('flags nothing when every run is equal, or for a single run', () => {
    expect(flagOutliers([7, 7, 7, 7])).toEqual({
      scores: [0, 0, 0, 0],
      outlierIndices: [],
      threshold: 3.5,
      scale: 'none',
    });
    expect(flagOutliers([7]).outlierIndices).toEqual([]);
  });

  it('uses 3.5 by default and honours a custom threshold', () => {
    const samples = [10, 11, 12, 12, 13, 14, 17]; // M(17) = 0.6745 * 5 = 3.3725
    expect(flagOutliers(samples).outlierIndices).toEqual([]);
    expect(flagOutliers(samples, { threshold: 3 }).outlierIndices).toEqual([6]);
  });

  it('rejects empty samples and a non-positive threshold', () => {
    expect(() => flagOutliers([])).toThrow(/must not be empty/);
    expect(() => flagOutliers([1, 2], { threshold: 0 })).toThrow(/positive/);
  });
});
