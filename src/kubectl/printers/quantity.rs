//! Resource quantities as apimachinery `pkg/api/resource/quantity.go` parses, adds, compares and
//! prints them (canonical form: `100m`, `2k`, `128Mi`, `1500m`), plus the pod resource sums of
//! component-helpers `resource.PodRequests`/`PodLimits` and kubelet's QoS class, which
//! `kubectl describe node|pod` print.
//!
//! Values are held exactly in nano-units (i128), which covers every suffix from `n` to `E`/`Ei`.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{Container, Pod};

/// How a quantity prints (`resource.Format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `1e3`
    DecimalExponent,
    /// `128Mi`
    BinarySI,
    /// `100m`, `2k`
    DecimalSI,
}

/// A parsed `resource.Quantity`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quantity {
    /// The value in units of 10⁻⁹.
    pub nanos: i128,
    /// The format it prints in.
    pub format: Format,
}

const NANO: i128 = 1_000_000_000;

impl Quantity {
    /// The zero quantity (prints `0`).
    pub fn zero() -> Quantity {
        Quantity {
            nanos: 0,
            format: Format::DecimalSI,
        }
    }

    /// `resource.ParseQuantity` (the common forms: optional sign, digits with an optional
    /// fraction, then a binary, decimal-SI or exponent suffix).
    pub fn parse(s: &str) -> Option<Quantity> {
        let s = s.trim();
        let (negative, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(s)),
        };
        let number_end = body
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(body.len());
        let (number, suffix) = body.split_at(number_end);
        if number.is_empty() || number == "." || number.matches('.').count() > 1 {
            return None;
        }
        let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
        let digits = format!("{whole}{fraction}");
        let mantissa: i128 = if digits.is_empty() {
            0
        } else {
            digits.parse().ok()?
        };
        let mut scale10: i32 = -(fraction.len() as i32);
        let (mult, format): (i128, Format) = match suffix {
            "Ki" => (1 << 10, Format::BinarySI),
            "Mi" => (1 << 20, Format::BinarySI),
            "Gi" => (1 << 30, Format::BinarySI),
            "Ti" => (1 << 40, Format::BinarySI),
            "Pi" => (1 << 50, Format::BinarySI),
            "Ei" => (1 << 60, Format::BinarySI),
            "" => (1, Format::DecimalSI),
            "n" | "u" | "m" | "k" | "M" | "G" | "T" | "P" | "E" => {
                scale10 += match suffix {
                    "n" => -9,
                    "u" => -6,
                    "m" => -3,
                    "k" => 3,
                    "M" => 6,
                    "G" => 9,
                    "T" => 12,
                    "P" => 15,
                    _ => 18,
                };
                (1, Format::DecimalSI)
            }
            exp if exp.starts_with(['e', 'E']) => {
                scale10 += exp[1..].parse::<i32>().ok()?;
                (1, Format::DecimalExponent)
            }
            _ => return None,
        };
        // nanos = mantissa * mult * 10^(scale10 + 9), rounded up as Kubernetes rounds to nano.
        let exp = scale10 + 9;
        let base = mantissa.checked_mul(mult)?;
        let nanos = if exp >= 0 {
            base.checked_mul(10i128.checked_pow(exp as u32)?)?
        } else {
            let div = 10i128.checked_pow((-exp) as u32)?;
            (base + div - 1) / div
        };
        Some(Quantity {
            nanos: if negative { -nanos } else { nanos },
            format,
        })
    }

    /// `Quantity.Add`: the receiver keeps its format unless it is zero.
    pub fn plus(self, other: Quantity) -> Quantity {
        let format = if self.nanos == 0 {
            other.format
        } else {
            self.format
        };
        Quantity {
            nanos: self.nanos + other.nanos,
            format,
        }
    }

    /// `Quantity.MilliValue` (rounded up).
    pub fn milli_value(&self) -> i128 {
        div_ceil(self.nanos, 1_000_000)
    }

    /// `Quantity.Value` (rounded up).
    pub fn value(&self) -> i128 {
        div_ceil(self.nanos, NANO)
    }

    /// `Quantity.Cmp`.
    pub fn cmp_value(&self, other: &Quantity) -> Ordering {
        self.nanos.cmp(&other.nanos)
    }
}

fn div_ceil(a: i128, b: i128) -> i128 {
    let q = a / b;
    if a % b != 0 && a > 0 { q + 1 } else { q }
}

impl std::fmt::Display for Quantity {
    /// `Quantity.String` (`CanonicalizeBytes`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.nanos == 0 {
            return f.write_str("0");
        }
        let mut format = self.format;
        if format == Format::BinarySI && (self.nanos.abs() < 1024 * NANO || self.nanos % NANO != 0)
        {
            format = Format::DecimalSI;
        }
        if format == Format::BinarySI {
            let mut amount = self.nanos / NANO;
            let mut exponent = 0;
            while amount % 1024 == 0 && exponent < 6 {
                amount /= 1024;
                exponent += 1;
            }
            let suffix = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"][exponent];
            return write!(f, "{amount}{suffix}");
        }
        let mut amount = self.nanos;
        let mut exponent: i32 = -9;
        while amount % 10 == 0 {
            amount /= 10;
            exponent += 1;
        }
        match exponent.rem_euclid(3) {
            1 => {
                amount *= 10;
                exponent -= 1;
            }
            2 => {
                amount *= 100;
                exponent -= 2;
            }
            _ => {}
        }
        if format == Format::DecimalExponent {
            return if exponent == 0 {
                write!(f, "{amount}")
            } else {
                write!(f, "{amount}e{exponent}")
            };
        }
        let suffix = match exponent {
            -9 => "n",
            -6 => "u",
            -3 => "m",
            0 => "",
            3 => "k",
            6 => "M",
            9 => "G",
            12 => "T",
            15 => "P",
            18 => "E",
            _ => return write!(f, "{amount}e{exponent}"),
        };
        write!(f, "{amount}{suffix}")
    }
}

/// A resource list with parsed quantities.
pub type ResourceList = BTreeMap<String, Quantity>;

/// Parses a k8s-openapi resource map (unparseable quantities are skipped).
pub fn resource_list(
    list: Option<&BTreeMap<String, k8s_openapi::apimachinery::pkg::api::resource::Quantity>>,
) -> ResourceList {
    crate::sort::map_of(
        list.into_iter()
            .flatten()
            .filter_map(|(name, q)| Quantity::parse(&q.0).map(|q| (name.clone(), q))),
    )
}

fn add_resource_list(list: &mut ResourceList, new: &ResourceList) {
    for (name, q) in new {
        let sum = match list.get(name) {
            Some(existing) => existing.plus(*q),
            None => *q,
        };
        list.insert(name.clone(), sum);
    }
}

fn max_resource_list(list: &mut ResourceList, new: &ResourceList) {
    for (name, q) in new {
        match list.get(name) {
            Some(existing) if q.cmp_value(existing) != Ordering::Greater => {}
            _ => {
                list.insert(name.clone(), *q);
            }
        }
    }
}

fn is_restartable(c: &Container) -> bool {
    c.restart_policy.as_deref() == Some("Always")
}

fn pod_resources(pod: &Pod, requests: bool) -> ResourceList {
    let Some(spec) = pod.spec.as_ref() else {
        return ResourceList::new();
    };
    let pick = |c: &Container| {
        if requests {
            requests_of(c)
        } else {
            limits_of(c)
        }
    };
    let mut total = ResourceList::new();
    for c in &spec.containers {
        add_resource_list(&mut total, &pick(c));
    }
    let mut restartable = ResourceList::new();
    let mut init = ResourceList::new();
    for c in spec.init_containers.iter().flatten() {
        let own = pick(c);
        let effective = if is_restartable(c) {
            add_resource_list(&mut total, &own);
            add_resource_list(&mut restartable, &own);
            restartable.clone()
        } else {
            let mut tmp = own;
            add_resource_list(&mut tmp, &restartable);
            tmp
        };
        max_resource_list(&mut init, &effective);
    }
    max_resource_list(&mut total, &init);
    if requests {
        add_resource_list(&mut total, &resource_list(spec.overhead.as_ref()));
    }
    // Pod-level resources (spec.resources) override the container aggregate for cpu/memory.
    let pod_level = spec.resources.as_ref().map(|r| {
        if requests {
            r.requests.as_ref()
        } else {
            r.limits.as_ref()
        }
    });
    for (name, q) in resource_list(pod_level.flatten()) {
        if name == "cpu" || name == "memory" {
            total.insert(name, q);
        }
    }
    total
}

fn requests_of(c: &Container) -> ResourceList {
    resource_list(c.resources.as_ref().and_then(|r| r.requests.as_ref()))
}

fn limits_of(c: &Container) -> ResourceList {
    resource_list(c.resources.as_ref().and_then(|r| r.limits.as_ref()))
}

/// `resource.PodRequests`: app containers summed, init containers as a running maximum,
/// sidecars added, overhead added.
pub fn pod_requests(pod: &Pod) -> ResourceList {
    pod_resources(pod, true)
}

/// `resource.PodLimits`.
pub fn pod_limits(pod: &Pod) -> ResourceList {
    pod_resources(pod, false)
}

/// `qos.GetPodQOS`: `status.qosClass` when set, else `ComputePodQOS`.
pub fn pod_qos(pod: &Pod) -> String {
    if let Some(qos) = pod
        .status
        .as_ref()
        .and_then(|s| s.qos_class.clone())
        .filter(|q| !q.is_empty())
    {
        return qos;
    }
    let Some(spec) = pod.spec.as_ref() else {
        return "BestEffort".to_string();
    };
    let mut requests = ResourceList::new();
    let mut limits = ResourceList::new();
    let mut guaranteed = true;
    for c in spec
        .containers
        .iter()
        .chain(spec.init_containers.iter().flatten())
    {
        for (name, q) in requests_of(c) {
            if (name == "cpu" || name == "memory") && q.nanos > 0 {
                add_resource_list(&mut requests, &crate::sort::map_of([(name, q)]));
            }
        }
        let mut found = 0;
        for (name, q) in limits_of(c) {
            if (name == "cpu" || name == "memory") && q.nanos > 0 {
                found += 1;
                add_resource_list(&mut limits, &crate::sort::map_of([(name, q)]));
            }
        }
        if found < 2 {
            guaranteed = false;
        }
    }
    if requests.is_empty() && limits.is_empty() {
        return "BestEffort".to_string();
    }
    if guaranteed
        && requests
            .iter()
            .any(|(name, req)| limits.get(name).is_none_or(|l| l.nanos != req.nanos))
    {
        guaranteed = false;
    }
    if guaranteed && requests.len() == limits.len() {
        "Guaranteed".to_string()
    } else {
        "Burstable".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_strings() {
        let cases = [
            ("millicores_stay", "100m", "100m"),
            ("thousand_milli_is_one", "1000m", "1"),
            ("fraction_becomes_milli", "0.5", "500m"),
            ("one_and_a_half_milli", "1500m", "1500m"),
            ("two_thousand_is_k", "2000", "2k"),
            ("binary_kept", "128Mi", "128Mi"),
            ("binary_regrouped", "1024Mi", "1Gi"),
            ("binary_not_divisible", "8148308Ki", "8148308Ki"),
            ("small_binary_is_decimal", "512", "512"),
            ("zero", "0", "0"),
            ("exponent", "1e3", "1e3"),
        ];
        for (name, input, want) in cases {
            let q = Quantity::parse(input).unwrap_or_else(|| panic!("{name}: parse {input}"));
            assert_eq!(q.to_string(), want, "{name}");
        }
    }

    #[test]
    fn sums_keep_the_first_format() {
        let a = Quantity::parse("100m").expect("literal");
        let b = Quantity::parse("1").expect("literal");
        assert_eq!(a.plus(b).to_string(), "1100m");
        assert_eq!(
            Quantity::zero()
                .plus(Quantity::parse("32Mi").expect("literal"))
                .to_string(),
            "32Mi"
        );
        assert_eq!(Quantity::parse("4").expect("literal").milli_value(), 4000);
    }
}
