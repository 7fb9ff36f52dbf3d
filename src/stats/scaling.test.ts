import { describe, expect, it } from 'vitest';
import { fitScaling, labelExponent, type ScalingPoint } from './scaling.js';

// Reference: scipy 1.17.1 on the logs of every run,
//   xs = [log(size) for each run]; ys = [log(value) for each run]; r = stats.linregress(xs, ys)
//   t = stats.t.ppf(0.975, n - 2); ci = (r.slope - t * r.stderr, r.slope + t * r.stderr)
//   c = exp(r.intercept), r2 = r.rvalue ** 2
const cases: Array<{
  name: string;
  points: ScalingPoint[];
  exponent: number;
  stderr: number;
  ci95: [number, number];
  r2: number;
  coefficient: number;
  label: string;
}> = [
  {
    name: 'linear: 2 ms per file',
    points: [
      { size: 1, values: [2.1, 1.9, 2.0] },
      { size: 10, values: [19.5, 21.0, 20.2] },
      { size: 100, values: [205.0, 198.0, 201.0] },
    ],
    exponent: 1.001602036231174,
    stderr: 0.006179033358786612,
    ci95: [0.9869909440995863, 1.0162131283627616],
    r2: 0.9997336620592036,
    coefficient: 2.003859263666875,
    label: 'linear',
  },
  {
    name: 'quadratic: superlinear',
    points: [
      { size: 1, values: [1.05, 0.98, 1.01] },
      { size: 10, values: [98.0, 103.0, 101.0] },
      { size: 100, values: [10100.0, 9850.0, 10020.0] },
    ],
    exponent: 1.9969814295444008,
    stderr: 0.004226548733341222,
    ci95: [1.9869872299090034, 2.006975629179798],
    r2: 0.9999686449042249,
    coefficient: 1.013111156936574,
    label: 'superlinear',
  },
  {
    name: 'flat: constant',
    points: [
      { size: 1, values: [50.2, 49.7, 50.1] },
      { size: 10, values: [50.4, 49.9, 50.0] },
      { size: 100, values: [49.8, 50.3, 50.1] },
    ],
    exponent: 0.0002895369895489155,
    stderr: 0.0008631625298271253,
    ci95: [-0.001751518061546485, 0.002330592040644316],
    r2: 0.015819747854579097,
    coefficient: 50.021727049967566,
    label: 'constant',
  },
  {
    name: 'square root over four sizes: sublinear',
    points: [
      { size: 1, values: [1.0, 1.02, 0.99] },
      { size: 10, values: [3.2, 3.1, 3.15] },
      { size: 100, values: [10.1, 9.9, 10.05] },
      { size: 1000, values: [31.5, 31.8, 31.2] },
    ],
    exponent: 0.4993090369497316,
    stderr: 0.0013512857032813496,
    ci95: [0.49629818477411686, 0.5023198891253464],
    r2: 0.9999267641537968,
    coefficient: 1.0016342169215247,
    label: 'sublinear',
  },
  {
    // 40 ms of start-up plus 0.4 ms per file: the fixed cost hides the linear work (see scaling.ts).
    name: 'start-up dominated linear work: sublinear',
    points: [
      { size: 1, values: [41.0, 43.5, 40.2] },
      { size: 10, values: [44.8, 46.1, 43.9] },
      { size: 100, values: [79.5, 83.0, 80.7] },
    ],
    exponent: 0.14513659816596194,
    stderr: 0.024763191761157557,
    ci95: [0.08658095438068616, 0.20369224195123772],
    r2: 0.8307179216471277,
    coefficient: 38.145911762512455,
    label: 'sublinear',
  },
];

describe('fitScaling against scipy', () => {
  it.each(cases)('$name', ({ points, exponent, stderr, ci95, r2, coefficient, label }) => {
    const fit = fitScaling(points);
    expect(fit.exponent).toBeCloseTo(exponent, 12);
    expect(fit.stderr).toBeCloseTo(stderr, 12);
    expect(fit.ci95?.[0]).toBeCloseTo(ci95[0], 10);
    expect(fit.ci95?.[1]).toBeCloseTo(ci95[1], 10);
    expect(fit.r2).toBeCloseTo(r2, 12);
    expect(fit.coefficient).toBeCloseTo(coefficient, 10);
    expect(fit.label).toBe(label);
    expect(fit.n).toBe(points.reduce((sum, p) => sum + p.values.length, 0));
  });
});

describe('fitScaling on exact and degenerate sweeps', () => {
  it('recovers an exact power law with zero uncertainty', () => {
    // 3 * size^1.5 at 1, 4, 16, 64: 3, 24, 192, 1536. ln is exact enough that b = 1.5 to 1e-14.
    const fit = fitScaling([1, 4, 16, 64].map((size) => ({ size, values: [3 * size ** 1.5] })));
    expect(fit.exponent).toBeCloseTo(1.5, 13);
    expect(fit.coefficient).toBeCloseTo(3, 12);
    expect(fit.stderr).toBeCloseTo(0, 13);
    expect(fit.label).toBe('superlinear');
  });

  it('fits a two-point sweep exactly, without an interval, labelled by the estimate', () => {
    const fit = fitScaling([
      { size: 1, values: [2] },
      { size: 100, values: [200] },
    ]);
    expect(fit.exponent).toBeCloseTo(1, 14);
    expect(fit.stderr).toBeNull();
    expect(fit.ci95).toBeNull();
    expect(fit.label).toBe('linear');
  });

  it('gives an interval for a two-size sweep with repeated runs', () => {
    // Runs at size 1: 10, 12; size 10: 100, 120. ln-values differ by exactly ln 10 at both sizes'
    // matching runs, so b = 1 with residuals +-ln(1.2)/2 around each size's mean.
    const fit = fitScaling([
      { size: 1, values: [10, 12] },
      { size: 10, values: [100, 120] },
    ]);
    expect(fit.exponent).toBeCloseTo(1, 13);
    expect(fit.ci95).not.toBeNull();
    expect(fit.label).toBe('linear');
  });

  it('labels equal values at every size constant, with r2 1', () => {
    const fit = fitScaling([
      { size: 1, values: [5, 5] },
      { size: 10, values: [5, 5] },
      { size: 100, values: [5, 5] },
    ]);
    expect(fit).toMatchObject({ exponent: 0, stderr: 0, ci95: [0, 0], r2: 1, label: 'constant' });
  });

  it('rejects sweeps it cannot fit', () => {
    expect(() => fitScaling([{ size: 10, values: [1, 2] }])).toThrow(/two or more different sizes/);
    expect(() =>
      fitScaling([
        { size: 0, values: [1] },
        { size: 10, values: [2] },
      ]),
    ).toThrow(/sizes must be positive/);
    expect(() =>
      fitScaling([
        { size: 1, values: [0] },
        { size: 10, values: [2] },
      ]),
    ).toThrow(/values must be positive/);
    expect(() =>
      fitScaling([
        { size: 1, values: [] },
        { size: 10, values: [2] },
      ]),
    ).toThrow(/size 1 has no runs/);
  });
});

describe('labelExponent', () => {
  it.each([
    [0.05, [-0.3, 0.4], 'constant'],
    [-0.5, [-0.7, -0.3], 'constant'], // falls with size: no growth
    [0.3, [-0.1, 0.7], 'sublinear'], // interval reaches 0, but the estimate is not small
    [0.1, [0.05, 0.15], 'sublinear'], // small but certain growth
    [0.6, [0.2, 1.0], 'linear'], // the interval touches 1
    [1.3, [0.9, 1.7], 'linear'], // noisy: not significantly above 1
    [1.05, [1.01, 1.09], 'superlinear'],
    [0.1, [-0.4, 1.2], 'constant'], // wide interval: the small estimate decides
    [1.0, null, 'linear'],
    [2.0, null, 'superlinear'],
    [0.19, null, 'sublinear'], // no interval: [b, b] does not reach 0
    [0, null, 'constant'],
  ] as const)('b = %d, CI %j -> %s', (b, ci, label) => {
    expect(labelExponent(b, ci)).toBe(label);
  });

  it('takes the constant cut-off from the options', () => {
    expect(labelExponent(0.3, [-0.1, 0.7])).toBe('sublinear');
    expect(labelExponent(0.3, [-0.1, 0.7], 0.5)).toBe('constant');
    // b = ln(11.49 / 10.49) / ln(100) = 0.0198, interval about +-0.06 around it: constant by default.
    const points = [
      { size: 1, values: [10, 11] },
      { size: 100, values: [11, 12] },
    ];
    expect(fitScaling(points).label).toBe('constant');
    expect(
      fitScaling(
        [
          { size: 1, values: [10, 11] },
          { size: 100, values: [11, 12] },
        ],
        { constantBelow: 0.01 },
      ).label,
    ).toBe('sublinear');
  });
});
