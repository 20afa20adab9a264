//! Resource quantities (`resource.Quantity`): `100m`, `0.5`, `64Mi`, `1G`, `2e3`, parsed to
//! millicores or bytes as the scheduler and kubelet need them.

/// Parses a quantity into thousandths of its unit (CPU millicores; for memory, bytes×1000).
/// Returns `None` for text Kubernetes would reject.
pub fn parse_milli(text: &str) -> Option<i128> {
    let text = text.trim();
    if text.is_empty() || text.len() > 64 {
        return None;
    }
    let (number, suffix) = split_suffix(text);
    let (mantissa_milli, exponent) = parse_decimal(number)?;
    let (base, power): (i128, u32) = match suffix {
        "" => (10, 0),
        "m" => return scale(mantissa_milli, exponent - 3),
        "k" => (10, 3),
        "M" => (10, 6),
        "G" => (10, 9),
        "T" => (10, 12),
        "P" => (10, 15),
        "E" => (10, 18),
        "Ki" => (2, 10),
        "Mi" => (2, 20),
        "Gi" => (2, 30),
        "Ti" => (2, 40),
        "Pi" => (2, 50),
        "Ei" => (2, 60),
        s if s.starts_with(['e', 'E']) => {
            let extra: i32 = s[1..].parse().ok()?;
            return scale(mantissa_milli, exponent.checked_add(extra)?);
        }
        _ => return None,
    };
    if base == 10 {
        scale(mantissa_milli, exponent + power as i32)
    } else {
        let value = scale(mantissa_milli, exponent)?;
        value.checked_mul(1i128.checked_shl(power)?)
    }
}

/// CPU in millicores (rounded up, as Kubernetes does for `MilliValue`).
pub fn cpu_millis(text: &str) -> Option<i64> {
    parse_milli(text).and_then(|m| i64::try_from(m).ok())
}

/// Memory (or any plain quantity) in whole units, rounded up.
pub fn bytes(text: &str) -> Option<i64> {
    parse_milli(text).and_then(|m| i64::try_from((m + 999).div_euclid(1000)).ok())
}

fn split_suffix(text: &str) -> (&str, &str) {
    let end = text
        .char_indices()
        .find(|(i, c)| c.is_ascii_alphabetic() && !(*i == 0 && (*c == '+' || *c == '-')))
        .map(|(i, _)| i)
        .unwrap_or(text.len());
    (&text[..end], &text[end..])
}

/// `12.5` → (12500 thousandths, exponent 0): the value × 1000, and a power of ten to apply.
fn parse_decimal(number: &str) -> Option<(i128, i32)> {
    let (negative, digits) = match number.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, number.strip_prefix('+').unwrap_or(number)),
    };
    let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, ""));
    if int_part.is_empty() && frac_part.is_empty() {
        return None;
    }
    if !int_part
        .bytes()
        .chain(frac_part.bytes())
        .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let mut value: i128 = 0;
    for b in int_part.bytes().chain(frac_part.bytes()) {
        value = value.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
    }
    let exponent = -(frac_part.len() as i32);
    let value = value.checked_mul(1000)?;
    Some((if negative { -value } else { value }, exponent))
}

/// value × 10^exponent, rounding a fractional result up (away from zero for positives).
fn scale(value: i128, exponent: i32) -> Option<i128> {
    if exponent >= 0 {
        value.checked_mul(10i128.checked_pow(exponent as u32)?)
    } else {
        let divisor = 10i128.checked_pow(exponent.unsigned_abs())?;
        let q = value.div_euclid(divisor);
        Some(if value.rem_euclid(divisor) == 0 {
            q
        } else {
            q + 1
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_parse_as_kubernetes_reads_them() {
        let cpu = [
            ("100m", 100),
            ("0.5", 500),
            ("1", 1000),
            ("2", 2000),
            ("1.5", 1500),
            ("250m", 250),
        ];
        for (text, millis) in cpu {
            assert_eq!(cpu_millis(text), Some(millis), "{text}");
        }
        let mem = [
            ("64Mi", 64 << 20),
            ("128Mi", 128 << 20),
            ("1Gi", 1 << 30),
            ("1G", 1_000_000_000),
            ("1e3", 1000),
            ("500k", 500_000),
        ];
        for (text, b) in mem {
            assert_eq!(bytes(text), Some(b), "{text}");
        }
        for bad in ["", "abc", "1Q", "--1", "1.2.3", "Mi"] {
            assert_eq!(parse_milli(bad), None, "{bad}");
        }
    }
}
