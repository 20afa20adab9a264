//! Go `text/tabwriter` test table and liggitt `TestMultiWrite`, ported.
use super::*;

/// One row of Go's test table: name, minwidth, tabwidth, padding, padchar, flags, src, expected.
type Case = (
    &'static str,
    usize,
    usize,
    usize,
    char,
    u32,
    &'static str,
    &'static str,
);

#[allow(clippy::too_many_arguments)]
fn check(
    name: &str,
    minwidth: usize,
    tabwidth: usize,
    padding: usize,
    padchar: char,
    flags: u32,
    src: &str,
    expected: &str,
) {
    let whole = tabbed(
        TabWriter::new(minwidth, tabwidth, padding, padchar, flags),
        src,
    );
    assert_eq!(whole, expected, "{name} (written all at once)");
    let mut w = TabWriter::new(minwidth, tabwidth, padding, padchar, flags);
    for ch in src.chars() {
        w.write_str(ch.encode_utf8(&mut [0; 4]));
    }
    assert_eq!(w.finish(), expected, "{name} (written char by char)");
}

/// The cases of Go's `text/tabwriter` test table (as carried by liggitt/tabwriter), minus
/// the Escape, FilterHTML and grapheme-width cases that `&str` input cannot express.
#[test]
fn go_tabwriter_table() {
    let cases: &[Case] = &[
        ("1a", 8, 0, 1, '.', 0, "", ""),
        ("1a debug", 8, 0, 1, '.', DEBUG, "", ""),
        ("2", 8, 0, 1, '.', 0, "\n\n\n", "\n\n\n"),
        ("3", 8, 0, 1, '.', 0, "a\nb\nc", "a\nb\nc"),
        ("4a", 8, 0, 1, '.', 0, "\t", ""),
        ("4b", 8, 0, 1, '.', ALIGN_RIGHT, "\t", ""),
        ("5", 8, 0, 1, '.', 0, "*\t*", "*.......*"),
        ("5b", 8, 0, 1, '.', 0, "*\t*\n", "*.......*\n"),
        ("5c", 8, 0, 1, '.', 0, "*\t*\t", "*.......*"),
        ("5c debug", 8, 0, 1, '.', DEBUG, "*\t*\t", "*.......|*"),
        ("5d", 8, 0, 1, '.', ALIGN_RIGHT, "*\t*\t", ".......**"),
        ("6", 8, 0, 1, '.', 0, "\t\n", "........\n"),
        ("7a", 8, 0, 1, '.', 0, "a) foo", "a) foo"),
        ("7b", 8, 0, 1, ' ', 0, "b) foo\tbar", "b) foo  bar"),
        ("7c", 8, 0, 1, '.', 0, "c) foo\tbar\t", "c) foo..bar"),
        ("7d", 8, 0, 1, '.', 0, "d) foo\tbar\n", "d) foo..bar\n"),
        (
            "7e",
            8,
            0,
            1,
            '.',
            0,
            "e) foo\tbar\t\n",
            "e) foo..bar.....\n",
        ),
        ("8", 8, 0, 1, '*', 0, "Hello, world!\n", "Hello, world!\n"),
        (
            "9a",
            1,
            0,
            0,
            '.',
            0,
            "1\t2\t3\t4\n11\t222\t3333\t44444\n",
            "1.2..3...4\n11222333344444\n",
        ),
        (
            "9c",
            1,
            0,
            0,
            '.',
            0,
            "1\t2\t3\t4\u{c}11\t222\t3333\t44444\n",
            "1234\n11222333344444\n",
        ),
        (
            "9c debug",
            1,
            0,
            0,
            '.',
            DEBUG,
            "1\t2\t3\t4\u{c}11\t222\t3333\t44444\n",
            "1|2|3|4\n---\n11|222|3333|44444\n",
        ),
        ("10a", 5, 0, 0, '.', 0, "1\t2\t3\t4\n", "1....2....3....4\n"),
        (
            "10b",
            5,
            0,
            0,
            '.',
            0,
            "1\t2\t3\t4\t\n",
            "1....2....3....4....\n",
        ),
        (
            "11",
            8,
            0,
            1,
            '.',
            0,
            "本\tb\tc\naa\t\u{672c}\u{672c}\u{672c}\tcccc\tddddd\naaa\tbbbb\n",
            "本.......b.......c\naa......本本本.....cccc....ddddd\naaa.....bbbb\n",
        ),
        (
            "12a",
            8,
            0,
            1,
            ' ',
            ALIGN_RIGHT,
            "a\tè\tc\t\naa\tèèè\tcccc\tddddd\t\naaa\tèèèè\t\n",
            "       a       è       c\n      aa     èèè    cccc   ddddd\n     aaa    èèèè\n",
        ),
        (
            "12b",
            2,
            0,
            0,
            ' ',
            0,
            "a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n",
            "a  b  c\naa bbbcccc\naaabbbb\n",
        ),
        (
            "12c",
            8,
            0,
            1,
            '_',
            0,
            "a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n",
            "a_______b_______c\naa______bbb_____cccc\naaa_____bbbb\n",
        ),
        (
            "13a",
            4,
            0,
            1,
            '-',
            0,
            "4444\t日本語\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n",
            "4444------日本語-22--1---333\n999999999-22\n7---------22\n------------------88888888\n\n666666-666666-666666----4444\n1------1------999999999-0000000000\n",
        ),
        (
            "13b",
            4,
            0,
            3,
            '.',
            0,
            "4444\t333\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n",
            "4444........333...22...1...333\n999999999...22\n7...........22\n....................88888888\n\n666666...666666...666666......4444\n1........1........999999999...0000000000\n",
        ),
        (
            "14",
            1,
            0,
            2,
            ' ',
            ALIGN_RIGHT,
            ".0\t.3\t2.4\t-5.1\t\n23.0\t12345678.9\t2.4\t-989.4\t\n5.1\t12.0\t2.4\t-7.0\t\n.0\t0.0\t332.0\t8908.0\t\n.0\t-.3\t456.4\t22.1\t\n.0\t1.2\t44.4\t-13.3\t\t",
            "    .0          .3    2.4    -5.1\n  23.0  12345678.9    2.4  -989.4\n   5.1        12.0    2.4    -7.0\n    .0         0.0  332.0  8908.0\n    .0         -.3  456.4    22.1\n    .0         1.2   44.4   -13.3",
        ),
        (
            "14 debug",
            1,
            0,
            2,
            ' ',
            ALIGN_RIGHT | DEBUG,
            ".0\t.3\t2.4\t-5.1\t\n23.0\t12345678.9\t2.4\t-989.4\t\n5.1\t12.0\t2.4\t-7.0\t\n.0\t0.0\t332.0\t8908.0\t\n.0\t-.3\t456.4\t22.1\t\n.0\t1.2\t44.4\t-13.3\t\t",
            "    .0|          .3|    2.4|    -5.1|\n  23.0|  12345678.9|    2.4|  -989.4|\n   5.1|        12.0|    2.4|    -7.0|\n    .0|         0.0|  332.0|  8908.0|\n    .0|         -.3|  456.4|    22.1|\n    .0|         1.2|   44.4|   -13.3|",
        ),
        ("15a", 4, 0, 0, '.', 0, "a\t\tb", "a.......b"),
        (
            "15b",
            4,
            0,
            0,
            '.',
            DISCARD_EMPTY_COLUMNS,
            "a\t\tb",
            "a.......b",
        ),
        (
            "15c",
            4,
            0,
            0,
            '.',
            DISCARD_EMPTY_COLUMNS,
            "a\u{b}\u{b}b",
            "a...b",
        ),
        (
            "15d",
            4,
            0,
            0,
            '.',
            ALIGN_RIGHT | DISCARD_EMPTY_COLUMNS,
            "a\u{b}\u{b}b",
            "...ab",
        ),
        (
            "16a",
            100,
            100,
            0,
            '\t',
            0,
            "a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n",
            "a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n",
        ),
        (
            "16b",
            100,
            100,
            0,
            '\t',
            DISCARD_EMPTY_COLUMNS,
            "a\u{b}b\u{b}\u{b}d\na\u{b}b\u{b}\u{b}d\u{b}e\na\na\u{b}b\u{b}c\u{b}d\na\u{b}b\u{b}c\u{b}d\u{b}e\n",
            "a\tb\td\na\tb\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n",
        ),
        (
            "16b debug",
            100,
            100,
            0,
            '\t',
            DISCARD_EMPTY_COLUMNS | DEBUG,
            "a\u{b}b\u{b}\u{b}d\na\u{b}b\u{b}\u{b}d\u{b}e\na\na\u{b}b\u{b}c\u{b}d\na\u{b}b\u{b}c\u{b}d\u{b}e\n",
            "a\t|b\t||d\na\t|b\t||d\t|e\na\na\t|b\t|c\t|d\na\t|b\t|c\t|d\t|e\n",
        ),
        (
            "16c",
            100,
            100,
            0,
            '\t',
            DISCARD_EMPTY_COLUMNS,
            "a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n",
            "a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n",
        ),
        (
            "16c debug",
            100,
            100,
            0,
            '\t',
            DISCARD_EMPTY_COLUMNS | DEBUG,
            "a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n",
            "a\t|b\t|\t|d\na\t|b\t|\t|d\t|e\na\na\t|b\t|c\t|d\na\t|b\t|c\t|d\t|e\n",
        ),
    ];
    for &(name, minwidth, tabwidth, padding, padchar, flags, src, expected) in cases {
        check(
            name, minwidth, tabwidth, padding, padchar, flags, src, expected,
        );
    }
}

/// liggitt/tabwriter `TestMultiWrite`: widths survive flushes, can be moved to a new
/// writer, cleared, and preset.
#[test]
fn remember_widths_multi_write() {
    let mut w = TabWriter::new(6, 4, 3, ' ', REMEMBER_WIDTHS);
    let mut out = String::new();
    let mut step = |w: &mut TabWriter, text: &str| {
        w.write_str(text);
        w.flush();
        out.push_str(&w.take_output());
        out.clone()
    };
    step(
        &mut w,
        "First\tMiddle\tLast\na\tbb\tccc\nddd\teeeeeeeeeeeeee\tf\n",
    );
    step(&mut w, "g\th\ti\n");
    step(&mut w, "j\t\t\n");
    step(&mut w, "\tk\t\n");
    step(&mut w, "\t\tl\n");
    let got = step(&mut w, "mmmmmmmmmmmmmmm\tnnn\tooo\n");
    assert_eq!(
        got,
        "First   Middle           Last\na       bb               ccc\nddd     eeeeeeeeeeeeee   f\n\
         g       h                i\nj                        \n        k                \n\
         \x20                        l\nmmmmmmmmmmmmmmm   nnn              ooo\n"
    );
    let mut moved = TabWriter::new(6, 4, 3, ' ', REMEMBER_WIDTHS);
    moved.set_remembered_widths(w.remembered_widths().to_vec());
    moved.write_str("p\tq\tr\n");
    moved.flush();
    assert_eq!(
        moved.take_output(),
        "p                 q                r\n"
    );
    assert_eq!(moved.remembered_widths(), &[18, 17]);
    moved.set_remembered_widths(Vec::new());
    moved.write_str("sssss\tt\tu\n");
    moved.flush();
    assert_eq!(moved.take_output(), "sssss   t     u\n");
    assert_eq!(moved.remembered_widths(), &[8, 6]);
    moved.set_remembered_widths(vec![10, 5, 5]);
    moved.write_str("v\tw\tx\n");
    moved.flush();
    assert_eq!(moved.take_output(), "v         w     x\n");
}

#[test]
fn kubectl_table_pads_with_three_spaces_and_minwidth_six() {
    let got = tabbed(
        TabWriter::kubectl(),
        "NAME\tSTATUS\tAGE\npi\tComplete\t15s\n",
    );
    assert_eq!(got, "NAME   STATUS     AGE\npi     Complete   15s\n");
}

#[test]
fn a_single_cell_line_splits_alignment_blocks() {
    let got = tabbed(
        TabWriter::describe(),
        "Name:\tpi\nPod Template:\n  Labels:\tx\n",
    );
    assert_eq!(got, "Name:  pi\nPod Template:\n  Labels:  x\n");
}
