// How Elasticsearch prints the numbers of a parsed record. Jackson reads a JSON integer as
// Integer, Long or BigInteger (printed as plain digits) and any number with a fraction or an
// exponent as a Double, which Java prints with Double.toString. The format below is the one of
// JDK 19 and later (shortest digits that identify the double, at least two digits when one
// would be ambiguous); see ../shared/reference/ecs-mapping.md, section 8.1.

/** The text Java prints for a JSON number token (source text as written in the record). */
export function javaNumberText(text: string): string {
  if (!/[.eE]/.test(text)) {
    // An integer token is already canonical in strict JSON, except "-0".
    return text === '-0' ? '0' : text;
  }
  return javaDoubleToString(Number(text));
}

/** Java's Double.toString(x) (JDK 19+): 0.5, 100.0, 1.0E7, 1.0E-4, 4.9E-324, Infinity. */
export function javaDoubleToString(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';

  const sign = x < 0 ? '-' : '';
  const magnitude = Math.abs(x);
  const { digits, exponent } = javaDigits(magnitude);
  // value = 0.<digits> × 10^point
  const point = digits.length + exponent;
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
    if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}.0`;
    return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  }
  const fraction = digits.length > 1 ? digits.slice(1) : '0';
  return `${sign}${digits[0]}.${fraction}E${point - 1}`;
}

/**
 * The decimal digits (no trailing zeros) and exponent, value = digits × 10^exponent, that Java
 * picks for a positive finite double: the shortest that round-trips (what JavaScript also
 * finds), except that when that is a single digit, the closest two-digit decimal that still
 * round-trips wins (ties to an even last digit).
 */
function javaDigits(x: number): { digits: string; exponent: number } {
  const [mantissa, exponentText] = x.toExponential().split('e');
  const allDigits = mantissa.replace('.', '');
  const digits = allDigits.replace(/0+$/, '') || '0';
  const exponent = Number(exponentText) - (digits.length - 1);
  if (digits.length !== 1) return { digits, exponent };

  let best: { distance: Rational; candidate: number } | undefined;
  for (let candidate = 10; candidate < 100; candidate++) {
    if (Number(`${candidate}e${exponent - 1}`) !== x) continue;
    const distance = distanceToDouble(candidate, exponent - 1, x);
    if (best === undefined || compareRational(distance, best.distance) < 0 ||
      (compareRational(distance, best.distance) === 0 && candidate % 2 === 0)) {
      best = { distance, candidate };
    }
  }
  if (best === undefined) return { digits, exponent };
  const chosen = String(best.candidate).replace(/0+$/, '');
  return { digits: chosen, exponent: exponent - 1 + (2 - chosen.length) };
}

interface Rational {
  numerator: bigint;
  denominator: bigint;
}

/** |c × 10^k − x| exactly, as a fraction. */
function distanceToDouble(c: number, k: number, x: number): Rational {
  const { mantissa, exponent } = exactDouble(x);
  // c × 10^k = a / b and x = m × 2^e = p / q, all integers.
  const a = k >= 0 ? BigInt(c) * 10n ** BigInt(k) : BigInt(c);
  const b = k >= 0 ? 1n : 10n ** BigInt(-k);
  const p = exponent >= 0 ? mantissa * 2n ** BigInt(exponent) : mantissa;
  const q = exponent >= 0 ? 1n : 2n ** BigInt(-exponent);
  const numerator = a * q - p * b;
  return { numerator: numerator < 0n ? -numerator : numerator, denominator: b * q };
}

function compareRational(left: Rational, right: Rational): number {
  const difference = left.numerator * right.denominator - right.numerator * left.denominator;
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

/** x = mantissa × 2^exponent exactly, for a positive finite double. */
function exactDouble(x: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const biased = (high >>> 20) & 0x7ff;
  const fraction = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  if (biased === 0) return { mantissa: fraction, exponent: -1074 };
  return { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}
