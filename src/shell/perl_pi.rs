//! The one perl program jobsim knows the output of: the kubernetes.io pi Job,
//! `perl -Mbignum=bpi -wle 'print bpi(N)'` — π to N significant digits as Math::BigFloat
//! prints it (rounded half to even; `bpi(0)` uses the default 40 digits). π comes from
//! Machin's formula in base-10⁹ fixed point.

/// The most digits jobsim computes (a larger N falls back to the simulated program).
const MAX_DIGITS: usize = 20_000;
/// Math::BigFloat's default precision.
const DEFAULT_DIGITS: usize = 40;
const BASE: u64 = 1_000_000_000;

/// What `argv` prints, if it is the pi program.
pub fn output(argv: &[String]) -> Option<String> {
    let program = argv.first()?.rsplit('/').next()?;
    if program != "perl" && !program.starts_with("perl5") {
        return None;
    }
    if !argv.iter().any(|a| a == "-Mbignum=bpi") {
        return None;
    }
    let script_at = argv.iter().position(|a| {
        a.starts_with('-') && !a.starts_with("-M") && a.ends_with('e') && a.contains('l')
    })?;
    let script = argv.get(script_at + 1)?.trim().trim_end_matches(';').trim();
    let n: usize = script
        .strip_prefix("print bpi(")?
        .strip_suffix(')')?
        .trim()
        .parse()
        .ok()?;
    let n = if n == 0 { DEFAULT_DIGITS } else { n };
    (n <= MAX_DIGITS).then(|| format!("{}\n", pi(n)))
}

/// π to `n` (≥ 1) significant digits, rounded half to even.
pub fn pi(n: usize) -> String {
    let digits = pi_digits(n + 10);
    let mut kept: Vec<u8> = digits[..n].to_vec();
    let next = digits[n];
    let rest_zero = digits[n + 1..].iter().all(|d| *d == 0);
    let last_odd = kept.last().is_some_and(|d| d % 2 == 1);
    if next > 5 || (next == 5 && (!rest_zero || last_odd)) {
        for d in kept.iter_mut().rev() {
            if *d == 9 {
                *d = 0;
            } else {
                *d += 1;
                break;
            }
        }
    }
    let mut out = String::with_capacity(n + 1);
    for (i, d) in kept.iter().enumerate() {
        if i == 1 {
            out.push('.');
        }
        out.push(char::from(b'0' + d));
    }
    out
}

/// At least `count` decimal digits of π, starting with the 3.
fn pi_digits(count: usize) -> Vec<u8> {
    let limbs = count / 9 + 3;
    let mut pi = arctan_inverse(5, limbs);
    multiply(&mut pi, 16);
    let mut other = arctan_inverse(239, limbs);
    multiply(&mut other, 4);
    subtract(&mut pi, &other);
    let mut digits = Vec::with_capacity(limbs * 9);
    digits.push(pi[0] as u8);
    for limb in &pi[1..] {
        let text = format!("{limb:09}");
        digits.extend(text.bytes().map(|b| b - b'0'));
    }
    digits
}

/// arctan(1/x) in fixed point: limb 0 is the integer part, then base-10⁹ fractions.
fn arctan_inverse(x: u64, limbs: usize) -> Vec<u64> {
    let mut power = vec![0; limbs];
    power[0] = 1;
    divide(&mut power, x);
    let mut sum = power.clone();
    let mut k = 1u64;
    loop {
        divide(&mut power, x * x);
        if power.iter().all(|l| *l == 0) {
            return sum;
        }
        let mut term = power.clone();
        divide(&mut term, 2 * k + 1);
        if k % 2 == 1 {
            subtract(&mut sum, &term);
        } else {
            add(&mut sum, &term);
        }
        k += 1;
    }
}

fn divide(number: &mut [u64], by: u64) {
    let mut rest = 0;
    for limb in number.iter_mut() {
        let current = rest * BASE + *limb;
        *limb = current / by;
        rest = current % by;
    }
}

fn multiply(number: &mut [u64], by: u64) {
    let mut carry = 0;
    for limb in number.iter_mut().rev() {
        let current = *limb * by + carry;
        *limb = current % BASE;
        carry = current / BASE;
    }
    number[0] += carry * BASE;
}

fn add(number: &mut [u64], other: &[u64]) {
    let mut carry = 0;
    for (limb, o) in number.iter_mut().zip(other).rev() {
        let current = *limb + o + carry;
        *limb = current % BASE;
        carry = current / BASE;
    }
}

fn subtract(number: &mut [u64], other: &[u64]) {
    let mut borrow = 0;
    for (limb, o) in number.iter_mut().zip(other).rev() {
        let take = o + borrow;
        if *limb >= take {
            *limb -= take;
            borrow = 0;
        } else {
            *limb = *limb + BASE - take;
            borrow = 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(script: &str) -> Vec<String> {
        ["perl", "-Mbignum=bpi", "-wle", script]
            .map(String::from)
            .to_vec()
    }

    /// Expected values printed by perl 5.36's Math::BigFloat on this machine.
    #[test]
    fn bpi_prints_n_significant_digits_rounded() {
        let cases = [
            (1, "3"),
            (2, "3.1"),
            (3, "3.14"),
            (5, "3.1416"),
            (8, "3.1415927"),
            (12, "3.14159265359"),
            (33, "3.14159265358979323846264338327950"),
            (50, "3.1415926535897932384626433832795028841971693993751"),
        ];
        for (n, want) in cases {
            assert_eq!(pi(n), want, "bpi({n})");
        }
    }

    #[test]
    fn the_kubernetes_io_pi_job_prints_two_thousand_digits() {
        let out = output(&argv("print bpi(2000)")).expect("the pi program");
        assert_eq!(
            out.len(),
            2002,
            "3, the point, 1999 decimals and the newline"
        );
        assert!(out.starts_with("3.14159265358979323846264338327950288419716939937510"));
        // perl 5.36 here: `print bpi(1000)` ends with these digits.
        let thousand = pi(1000);
        assert!(
            thousand.ends_with("13001927876611195909216420199"),
            "{thousand}"
        );
        assert!(out.starts_with(&thousand[..1000]));
        assert_eq!(output(&argv("print bpi(0)")), Some(format!("{}\n", pi(40))));
        assert_eq!(output(&argv("print 1+1")), None);
        assert_eq!(output(&["python".to_string()]), None);
    }
}
