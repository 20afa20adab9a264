//! Elastic tabstops as kubectl lays them out: a port of Go's `text/tabwriter` with the
//! `RememberWidths` flag of `github.com/liggitt/tabwriter` (the writer kubectl uses), plus
//! the two configurations kubectl builds from it:
//! `cli-runtime/pkg/printers/tabwriter.go` (`get`: minwidth 6, tabwidth 4, padding 3,
//! padchar ' ', `RememberWidths`) and `kubectl/pkg/describe/describe.go` `tabbedString`
//! (`describe`: minwidth 0, tabwidth 8, padding 2, padchar ' ', no flags).
//!
//! Semantics kept from the Go source: cells are *terminated* by '\t' or '\v' (the text after
//! the last tab of a line is not part of any column), '\n' and '\f' end lines, a line with a
//! single cell flushes everything buffered before it (so blank lines split alignment blocks),
//! column blocks are runs of consecutive lines that have a cell in that column, widths are
//! counted in Unicode scalar values. The Escape byte (0xff) and HTML filtering cannot occur in
//! UTF-8 `&str` input and are not ported.

/// Print a '|' between columns (after formatting), as Go's `tabwriter.Debug`.
pub const DEBUG: u32 = 1 << 5;
/// Force right alignment of cell content (`tabwriter.AlignRight`).
pub const ALIGN_RIGHT: u32 = 1 << 2;
/// Treat columns made only of empty soft-tab cells as absent (`tabwriter.DiscardEmptyColumns`).
pub const DISCARD_EMPTY_COLUMNS: u32 = 1 << 3;
/// Pad leading empty cells with tabs (`tabwriter.TabIndent`).
pub const TAB_INDENT: u32 = 1 << 4;
/// Keep the maximum width seen per column across flushes (`liggitt/tabwriter.RememberWidths`).
pub const REMEMBER_WIDTHS: u32 = 1 << 6;

#[derive(Clone, Copy, Debug, Default)]
struct Cell {
    /// Size in bytes.
    size: usize,
    /// Width in Unicode scalar values.
    width: usize,
    /// Terminated by a horizontal tab.
    htab: bool,
}

/// A Go-compatible elastic-tabstop writer that collects its output in a `String`.
#[derive(Clone, Debug)]
pub struct TabWriter {
    minwidth: usize,
    tabwidth: usize,
    padding: usize,
    padchar: char,
    flags: u32,
    buf: String,
    pos: usize,
    cell: Cell,
    lines: Vec<Vec<Cell>>,
    widths: Vec<usize>,
    maxwidths: Vec<usize>,
    out: String,
}

impl TabWriter {
    /// A writer with Go's `tabwriter.NewWriter` parameters. `padchar` should be ASCII.
    pub fn new(
        minwidth: usize,
        tabwidth: usize,
        padding: usize,
        padchar: char,
        flags: u32,
    ) -> Self {
        let flags = if padchar == '\t' {
            flags & !ALIGN_RIGHT
        } else {
            flags
        };
        let mut writer = TabWriter {
            minwidth,
            tabwidth,
            padding,
            padchar,
            flags,
            buf: String::new(),
            pos: 0,
            cell: Cell::default(),
            lines: Vec::new(),
            widths: Vec::new(),
            maxwidths: Vec::new(),
            out: String::new(),
        };
        writer.reset();
        writer
    }

    /// The writer `kubectl get` prints tables with (`printers.GetNewTabWriter`).
    pub fn kubectl() -> Self {
        TabWriter::new(6, 4, 3, ' ', REMEMBER_WIDTHS)
    }

    /// The writer `kubectl describe` formats with (`describe.tabbedString`).
    pub fn describe() -> Self {
        TabWriter::new(0, 8, 2, ' ', 0)
    }

    /// Buffers `text`; complete blocks may already be formatted into the output.
    pub fn write_str(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut n = 0;
        for (i, &ch) in bytes.iter().enumerate() {
            if matches!(ch, b'\t' | 0x0b | b'\n' | 0x0c) {
                self.append(&text[n..i]);
                self.update_width();
                n = i + 1;
                let n_cells = self.terminate_cell(ch == b'\t');
                if ch == b'\n' || ch == 0x0c {
                    self.lines.push(Vec::new());
                    if ch == 0x0c || n_cells == 1 {
                        self.flush();
                        if ch == 0x0c && self.flags & DEBUG != 0 {
                            self.out.push_str("---\n");
                        }
                    }
                }
            }
        }
        self.append(&text[n..]);
    }

    /// Formats everything buffered (Go's `Flush`).
    pub fn flush(&mut self) {
        if self.cell.size > 0 {
            self.terminate_cell(false);
        }
        let n_lines = self.lines.len();
        self.format(0, 0, n_lines);
        self.reset();
    }

    /// Replaces the remembered column widths (`SetRememberedWidths`); `kubectl get` clears them
    /// between resource groups.
    pub fn set_remembered_widths(&mut self, widths: Vec<usize>) {
        self.maxwidths = widths;
    }

    /// The remembered per-column maximum widths (`RememberedWidths`).
    pub fn remembered_widths(&self) -> &[usize] {
        &self.maxwidths
    }

    /// Takes the formatted output produced so far (unflushed text stays buffered).
    pub fn take_output(&mut self) -> String {
        std::mem::take(&mut self.out)
    }

    /// Flushes and returns all output: the usual way to format a finished block of text.
    pub fn finish(mut self) -> String {
        self.flush();
        self.out
    }

    fn reset(&mut self) {
        self.buf.clear();
        self.pos = 0;
        self.cell = Cell::default();
        self.lines.clear();
        self.widths.clear();
        self.lines.push(Vec::new());
    }

    fn append(&mut self, text: &str) {
        self.buf.push_str(text);
        self.cell.size += text.len();
    }

    fn update_width(&mut self) {
        self.cell.width += self.buf[self.pos..].chars().count();
        self.pos = self.buf.len();
    }

    fn terminate_cell(&mut self, htab: bool) -> usize {
        self.cell.htab = htab;
        let cell = std::mem::take(&mut self.cell);
        match self.lines.last_mut() {
            Some(line) => {
                line.push(cell);
                line.len()
            }
            None => {
                self.lines.push(vec![cell]);
                1
            }
        }
    }

    fn write_padding(&mut self, text_width: usize, cell_width: usize, use_tabs: bool) {
        if self.padchar == '\t' || use_tabs {
            if self.tabwidth == 0 {
                return;
            }
            let cell_width = cell_width.div_ceil(self.tabwidth) * self.tabwidth;
            let n = cell_width.saturating_sub(text_width);
            for _ in 0..n.div_ceil(self.tabwidth) {
                self.out.push('\t');
            }
            return;
        }
        for _ in 0..cell_width.saturating_sub(text_width) {
            self.out.push(self.padchar);
        }
    }

    fn write_lines(&mut self, pos0: usize, line0: usize, line1: usize) -> usize {
        let mut pos = pos0;
        for i in line0..line1 {
            let mut use_tabs = self.flags & TAB_INDENT != 0;
            for j in 0..self.lines[i].len() {
                let c = self.lines[i][j];
                if j > 0 && self.flags & DEBUG != 0 {
                    self.out.push('|');
                }
                if c.size == 0 {
                    if j < self.widths.len() {
                        self.write_padding(c.width, self.widths[j], use_tabs);
                    }
                } else {
                    use_tabs = false;
                    let text_end = pos + c.size;
                    if self.flags & ALIGN_RIGHT == 0 {
                        self.out.push_str(&self.buf[pos..text_end]);
                        pos = text_end;
                        if j < self.widths.len() {
                            self.write_padding(c.width, self.widths[j], false);
                        }
                    } else {
                        if j < self.widths.len() {
                            self.write_padding(c.width, self.widths[j], false);
                        }
                        self.out.push_str(&self.buf[pos..text_end]);
                        pos = text_end;
                    }
                }
            }
            if i + 1 == self.lines.len() {
                let end = pos + self.cell.size;
                self.out.push_str(&self.buf[pos..end]);
                pos = end;
            } else {
                self.out.push('\n');
            }
        }
        pos
    }

    fn format(&mut self, pos0: usize, line0: usize, line1: usize) -> usize {
        let mut pos = pos0;
        let mut line0 = line0;
        let column = self.widths.len();
        let mut this = line0;
        while this < line1 {
            if column + 1 >= self.lines[this].len() {
                this += 1;
                continue;
            }
            pos = self.write_lines(pos, line0, this);
            line0 = this;

            let mut width = self.minwidth;
            let mut discardable = true;
            while this < line1 {
                let line = &self.lines[this];
                if column + 1 >= line.len() {
                    break;
                }
                let c = line[column];
                width = width.max(c.width + self.padding);
                if c.width > 0 || c.htab {
                    discardable = false;
                }
                this += 1;
            }
            if discardable && self.flags & DISCARD_EMPTY_COLUMNS != 0 {
                width = 0;
            }
            if self.flags & REMEMBER_WIDTHS != 0 {
                if self.maxwidths.len() < self.widths.len() {
                    let missing = self.widths[self.maxwidths.len()..].to_vec();
                    self.maxwidths.extend(missing);
                }
                let col = self.widths.len();
                if self.maxwidths.len() == col {
                    self.maxwidths.push(width);
                } else if self.maxwidths[col] > width {
                    width = self.maxwidths[col];
                } else {
                    self.maxwidths[col] = width;
                }
            }
            self.widths.push(width);
            pos = self.format(pos, line0, this);
            self.widths.pop();
            line0 = this;
        }
        self.write_lines(pos, line0, line1)
    }
}

/// Formats `text` in one go with a fresh writer of the given kind.
pub fn tabbed(mut writer: TabWriter, text: &str) -> String {
    writer.write_str(text);
    writer.finish()
}

#[cfg(test)]
mod tests;
