//! How the playground writes simulated times and amounts: the clock (`00:01:05.250`),
//! countdowns (`17s`, `2m05s`), CPU and memory.

use crate::sim::clock::{SimDuration, SimTime};

/// The simulated clock since the cluster started: `HH:MM:SS.mmm`.
pub fn clock(t: SimTime) -> String {
    let ms = t.as_millis();
    let secs = ms / 1000;
    format!(
        "{:02}:{:02}:{:02}.{:03}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60,
        ms % 1000
    )
}

/// A simulated instant as an offset from the start, to the tenth of a second: `+1m05.2s`.
pub fn offset(t: SimTime) -> String {
    let tenths = t.as_millis() / 100;
    let (secs, tenth) = (tenths / 10, tenths % 10);
    if secs < 60 {
        format!("+{secs}.{tenth}s")
    } else if secs < 3600 {
        format!("+{}m{:02}.{tenth}s", secs / 60, secs % 60)
    } else {
        format!("+{}h{:02}m{:02}s", secs / 3600, secs / 60 % 60, secs % 60)
    }
}

/// A countdown, rounded up to whole seconds: `17s`, `2m05s`, `1h02m`.
pub fn countdown(d: SimDuration) -> String {
    let secs = d.as_millis().div_ceil(1000);
    if secs < 60 {
        format!("{secs}s")
    } else if secs < 3600 {
        format!("{}m{:02}s", secs / 60, secs % 60)
    } else {
        format!("{}h{:02}m", secs / 3600, secs / 60 % 60)
    }
}

/// Millicores as CPUs: `250m`, `1.5`, `4`.
pub fn cpu(millis: i64) -> String {
    if millis % 1000 == 0 {
        format!("{}", millis / 1000)
    } else if millis < 1000 {
        format!("{millis}m")
    } else {
        let text = format!("{:.2}", millis as f64 / 1000.0);
        text.trim_end_matches('0').to_string()
    }
}

/// Bytes in binary units: `512Mi`, `16Gi`, `1.5Gi`.
pub fn memory(bytes: i64) -> String {
    const UNITS: [(&str, i64); 4] = [
        ("Ti", 1 << 40),
        ("Gi", 1 << 30),
        ("Mi", 1 << 20),
        ("Ki", 1 << 10),
    ];
    for (unit, size) in UNITS {
        if bytes >= size {
            if bytes % size == 0 {
                return format!("{}{unit}", bytes / size);
            }
            let text = format!("{:.1}", bytes as f64 / size as f64);
            return format!("{}{unit}", text.trim_end_matches(".0"));
        }
    }
    bytes.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks_offsets_and_countdowns() {
        assert_eq!(clock(SimTime::from_millis(3_725_250)), "01:02:05.250");
        assert_eq!(offset(SimTime::from_millis(5_250)), "+5.2s");
        assert_eq!(offset(SimTime::from_millis(65_250)), "+1m05.2s");
        assert_eq!(offset(SimTime::from_secs(3_725)), "+1h02m05s");
        assert_eq!(countdown(SimDuration::from_millis(16_001)), "17s");
        assert_eq!(countdown(SimDuration::from_secs(125)), "2m05s");
        assert_eq!(countdown(SimDuration::from_secs(3_720)), "1h02m");
    }

    #[test]
    fn cpu_and_memory_in_kubernetes_units() {
        assert_eq!(cpu(250), "250m");
        assert_eq!(cpu(4000), "4");
        assert_eq!(cpu(1500), "1.5");
        assert_eq!(memory(512 << 20), "512Mi");
        assert_eq!(memory(16 << 30), "16Gi");
        assert_eq!(memory(3 << 29), "1.5Gi");
        assert_eq!(memory(100), "100");
    }
}
