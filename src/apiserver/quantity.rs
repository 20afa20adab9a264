//! Resource quantities (`100m`, `64Mi`, `1e3`): parsing, comparison and the canonical form
//! the API server prints (apimachinery `pkg/api/resource/quantity.go`). Values are kept in
//! nano-units, the finest precision Kubernetes keeps (finer values are rounded up).

use std::cmp::Ordering;

/// The parse error apimachinery returns for a malformed quantity (`ErrFormatWrong`).
pub const FORMAT_WRONG: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/// The parse error for an unknown suffix (`ErrSuffix`).
pub const SUFFIX_WRONG: &str = "unable to parse quantity's suffix";

const NANO: i128 = 1_000_000_000;
/// Saturation bound; Kubernetes caps quantities near 2^63 anyway.
const LIMIT: i128 = i128::MAX / 1_000_000;

/// Which suffix family a quantity was written with; it is kept when printing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    DecimalExponent,
    BinarySI,
    DecimalSI,
}

/// A parsed quantity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quantity {
    nanos: i128,
    format: Format,
}

impl Quantity {
    /// `resource.ParseQuantity`
    pub fn parse(text: &str) -> Result<Quantity, &'static str> {
        let bytes = text.as_bytes();
        if bytes.is_empty() {
            return Err(FORMAT_WRONG);
        }
        let mut i = 0;
        let negative = match bytes[0] {
            b'-' => {
                i = 1;
                true
            }
            b'+' => {
                i = 1;
                false
            }
            _ => false,
        };
        let mut mantissa: i128 = 0;
        let mut frac_digits: i32 = 0;
        let mut n_digits = 0;
        let mut seen_dot = false;
        while i < bytes.len() {
            match bytes[i] {
                b'0'..=b'9' => {
                    n_digits += 1;
                    if mantissa < LIMIT {
                        mantissa = mantissa * 10 + i128::from(bytes[i] - b'0');
                        if seen_dot {
                            frac_digits += 1;
                        }
                    } else if !seen_dot {
                        frac_digits -= 1;
                    }
                }
                b'.' if !seen_dot => seen_dot = true,
                _ => break,
            }
            i += 1;
        }
        if n_digits == 0 {
            return Err(FORMAT_WRONG);
        }
        let suffix = &text[i..];
        let (base, exponent, format) = parse_suffix(suffix)?;
        // value = mantissa * 10^-frac_digits * base^exponent, in nano-units
        let mut value = mantissa;
        let mut scale10 = 9 - frac_digits;
        if base == 2 {
            for _ in 0..exponent / 10 {
                value = value.saturating_mul(1024).min(LIMIT);
            }
        } else {
            scale10 += exponent;
        }
        let nanos = if scale10 >= 0 {
            let mut v = value;
            for _ in 0..scale10.min(40) {
                v = v.saturating_mul(10).min(LIMIT);
            }
            v
        } else {
            let divisor = 10i128
                .checked_pow(scale10.unsigned_abs())
                .unwrap_or(i128::MAX);
            // Kubernetes rounds up anything finer than a nano-unit.
            value / divisor + i128::from(value % divisor != 0)
        };
        Ok(Quantity {
            nanos: if negative { -nanos } else { nanos },
            format,
        })
    }

    pub fn is_negative(&self) -> bool {
        self.nanos < 0
    }

    /// True when the value has no fractional part (`MilliValue() % 1000 == 0`).
    pub fn is_integer(&self) -> bool {
        self.nanos % NANO == 0
    }

    /// The value in milli-units, rounded up (`MilliValue`).
    pub fn milli_value(&self) -> i64 {
        let millis = self.nanos / 1_000_000 + i128::from(self.nanos % 1_000_000 > 0);
        i64::try_from(millis).unwrap_or(if millis < 0 { i64::MIN } else { i64::MAX })
    }

    /// The value in whole units, rounded up (`Value`).
    pub fn value(&self) -> i64 {
        let units = self.nanos / NANO + i128::from(self.nanos % NANO > 0);
        i64::try_from(units).unwrap_or(if units < 0 { i64::MIN } else { i64::MAX })
    }

    /// The canonical text (`Quantity.String()`): `0.5` → `500m`, `1.5Gi` → `1536Mi`.
    pub fn canonical(&self) -> String {
        if self.nanos == 0 {
            return "0".to_string();
        }
        let mut format = self.format;
        if format == Format::BinarySI && (self.nanos.abs() < 1024 * NANO || self.nanos % NANO != 0)
        {
            format = Format::DecimalSI;
        }
        if format == Format::BinarySI {
            let mut number = self.nanos / NANO;
            let mut exponent = 0;
            while exponent < 6 && number % 1024 == 0 {
                number /= 1024;
                exponent += 1;
            }
            let suffix = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"][exponent];
            return format!("{number}{suffix}");
        }
        let mut number = self.nanos;
        let mut exponent: i32 = -9;
        while number % 10 == 0 {
            number /= 10;
            exponent += 1;
        }
        let r = exponent.rem_euclid(3);
        number *= 10i128.pow(r.unsigned_abs());
        exponent -= r;
        let decimal = match exponent {
            -9 => Some("n"),
            -6 => Some("u"),
            -3 => Some("m"),
            0 => Some(""),
            3 => Some("k"),
            6 => Some("M"),
            9 => Some("G"),
            12 => Some("T"),
            15 => Some("P"),
            18 => Some("E"),
            _ => None,
        };
        match (format, decimal) {
            (Format::DecimalExponent, _) | (_, None) if exponent != 0 => {
                format!("{number}e{exponent}")
            }
            (_, Some(suffix)) => format!("{number}{suffix}"),
            _ => format!("{number}"),
        }
    }
}

impl PartialOrd for Quantity {
    fn partial_cmp(&self, other: &Quantity) -> Option<Ordering> {
        Some(self.nanos.cmp(&other.nanos))
    }
}

fn parse_suffix(suffix: &str) -> Result<(u32, i32, Format), &'static str> {
    let decimal = |e| Ok((10, e, Format::DecimalSI));
    let binary = |e| Ok((2, e, Format::BinarySI));
    match suffix {
        "" => decimal(0),
        "n" => decimal(-9),
        "u" => decimal(-6),
        "m" => decimal(-3),
        "k" => decimal(3),
        "M" => decimal(6),
        "G" => decimal(9),
        "T" => decimal(12),
        "P" => decimal(15),
        "E" => decimal(18),
        "Ki" => binary(10),
        "Mi" => binary(20),
        "Gi" => binary(30),
        "Ti" => binary(40),
        "Pi" => binary(50),
        "Ei" => binary(60),
        _ => {
            let rest = suffix.strip_prefix(['e', 'E']).ok_or_else(|| {
                if suffix
                    .bytes()
                    .all(|b| b"eEinumkKMGTP+-0123456789".contains(&b))
                {
                    SUFFIX_WRONG
                } else {
                    FORMAT_WRONG
                }
            })?;
            let exponent: i32 = rest.parse().map_err(|_| SUFFIX_WRONG)?;
            if !(-40..=40).contains(&exponent) {
                return Err(SUFFIX_WRONG);
            }
            Ok((10, exponent, Format::DecimalExponent))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_forms_match_apimachinery() {
        let cases = [
            ("100m", "100m"),
            ("0.5", "500m"),
            ("1000", "1k"),
            ("1.5Gi", "1536Mi"),
            ("512Ki", "512Ki"),
            ("128Mi", "128Mi"),
            ("64Mi", "64Mi"),
            ("1", "1"),
            ("129e6", "129e6"),
            ("1e3", "1e3"),
            ("0", "0"),
            ("-1", "-1"),
            ("100Ki", "100Ki"),
            ("0.5Ki", "512"),
            ("0.1m", "100u"),
            ("1024", "1024"),
            ("2000m", "2"),
            ("1.1", "1100m"),
            ("12e-1", "1200e-3"),
        ];
        for (text, canonical) in cases {
            let q = Quantity::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(q.canonical(), canonical, "{text}");
        }
    }

    #[test]
    fn rejects_malformed_quantities_with_upstream_messages() {
        assert_eq!(Quantity::parse("abc"), Err(FORMAT_WRONG));
        assert_eq!(Quantity::parse(""), Err(FORMAT_WRONG));
        assert_eq!(Quantity::parse("1Gb"), Err(FORMAT_WRONG));
        assert_eq!(Quantity::parse("1KM"), Err(SUFFIX_WRONG));
        assert_eq!(Quantity::parse("1 Gi"), Err(FORMAT_WRONG));
        assert_eq!(Quantity::parse("."), Err(FORMAT_WRONG));
    }

    #[test]
    fn compares_across_suffixes() {
        let q = |t| Quantity::parse(t).expect("valid");
        assert!(q("500m") > q("200m"));
        assert!(q("1Gi") > q("1G"));
        assert!(q("128Mi") < q("256Mi"));
        assert_eq!(q("1").partial_cmp(&q("1000m")), Some(Ordering::Equal));
        assert!(q("-1").is_negative());
    }
}
