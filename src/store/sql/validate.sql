-- validate.sql — the core's rules for names, records and letter numbers, in the server
--
-- Copyright 2026 The Ranah authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- An official can call the server's functions directly with psql, so the server holds what
-- they send to the rules the desktop holds it to: those of ranah_validate_label (),
-- ranah_validate_fqdn (), ranah_validate_record () and ranah_validate_records ()
-- (src/core/ranah-validate.c) and of ranah_letter_number_format ()
-- (src/core/ranah-letter-number.c), refusing with SQLSTATE RN004 and the English sentence
-- core uses, word for word (po/id.po translates it on the desktop). One case corpus,
-- tests/core/cases/validate-corpus.txt, runs through both: tests/core/test-validate-corpus.c
-- through core, tests/pg/test-validate-corpus-pg.c through these functions.
--
--   ranah.check_label (p text) RETURNS text                   the lowercase A-label
--   ranah.check_fqdn (p text, p_allow_underscore boolean) RETURNS text        p itself
--   ranah.check_record (p_type text, p_host text, p_target text, p_ttl integer,
--                       p_priority integer, p_internal boolean) RETURNS void
--   ranah.check_records (p jsonb) RETURNS void       the array ranah_json_records () sends
--   ranah.format_letter_number (p_template text, p_klasifikasi text, p_urut integer,
--                               p_unit text, p_year integer, p_month integer) RETURNS text
--
-- The file loads on its own (CREATE OR REPLACE, nothing else of Ranah needed) into a
-- database that has the schema ranah, and is run before 002-functions.sql. The functions
-- are plain (not SECURITY DEFINER) and read no table; each runs with a fixed search_path
-- and writes every ranah object schema-qualified. NULL arguments count as '' (texts), 0
-- (numbers) and false, as the store's NULL fields do in core.
--
-- Where the server differs from core on purpose:
--   - check_label refuses a non-ASCII name (a U-label) and asks for its xn-- form: the
--     desktop converts with GLib before it sends, and the server checks the A-label.
--   - A record type is a text here: one that is not A, AAAA, CNAME, TXT or MX is refused
--     with the type in the sentence ("The record type “NS” is …"), where core names the
--     number of an enum it can never receive from the store.
--   - Numbers are signed here and unsigned in core: a negative TTL, MX priority or month
--     for {bulan} is out of range, its sentence showing the number as sent; a negative
--     running number or year of a letter number has a sentence of its own.
--   - Shapes only JSON can get wrong (not an array, a field of the wrong type) have a
--     sentence of their own.
--   - A decoded U-label is held to RFC 5891 §4.2.3.1 and §4.2.3.2 (no hyphen at its start
--     or end, none in both its third and fourth place, no combining mark first) and to
--     full lowercase (a titlecase letter such as U+1F88 is not a lowercase label). Core
--     accepts these; the corpus marks each such case with what core answers.
--
-- Characters of a U-label (what core's unicode_label_char_ok () and GLib's IDNA code decide):
--   - Letters and decimal digits: the regular-expression class [[:alnum:]] under the ICU
--     collation "und-x-icu". PostgreSQL 15 then asks ICU's u_isalnum () for every code
--     point (general categories L* and Nd); under the database's libc collation the class
--     follows glibc's older tables instead. On Debian 12 (ICU 72, Unicode 15.0) it agrees
--     with GLib 2.74's g_unichar_type () on every code point.
--   - Combining marks (Mn, Mc, Me) and the other numbers (Nl, No) that g_unichar_isalnum ()
--     counts too: the ranges of ranah.unicode_marks () and ranah.unicode_other_numbers (),
--     generated from GLib 2.74.6 (Unicode 15.0).
--   - Lowercase: lower () under "und-x-icu" (full case mapping, as g_utf8_strdown ()).
--   - NFKC: normalize (), whose tables in PostgreSQL 15 are Unicode 14.0. The one block
--     Unicode 15.0 added that NFKC maps, U+1E030–U+1E06D (Cyrillic modifier letters), is
--     refused by name, as core refuses it after mapping it.
--   tests/pg/test-validate-corpus-pg.c compares the U-label rule with core's on every code
--   point. Limits: a server whose ICU follows a newer Unicode than the desktops' GLib (or
--   the other way round) disagrees on the letters assigned in between; neither side holds
--   a label to RFC 5892's full derivation, its CONTEXTJ/CONTEXTO rules or RFC 5893's bidi
--   rule, and both accept the letter numbers (Nl, No) and enclosing marks RFC 5892 would
--   not.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_collation WHERE collname = 'und-x-icu') THEN
    RAISE EXCEPTION 'validate.sql needs a PostgreSQL server built with ICU (the collation '
                    '"und-x-icu"), which classifies the letters of internationalised names.';
  END IF;
END $$;

-- ---- characters ------------------------------------------------------------------------

-- Bracket-expression ranges (for a regular expression's [...]) of the code points above
-- U+007F in some general categories of Unicode 15.0, as GLib 2.74.6's g_unichar_type ()
-- has them; tests/pg/test-validate-corpus-pg.c prints them anew when they no longer match.
-- Combining marks: Mn, Mc, Me.
CREATE OR REPLACE FUNCTION ranah.unicode_marks ()
RETURNS text LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
RETURN
  '\u0300-\u036F\u0483-\u0489\u0591-\u05BD\u05BF\u05C1\u05C2\u05C4\u05C5\u05C7'
  '\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E4\u06E7\u06E8\u06EA-\u06ED'
  '\u0711\u0730-\u074A\u07A6-\u07B0\u07EB-\u07F3\u07FD\u0816-\u0819\u081B-\u0823'
  '\u0825-\u0827\u0829-\u082D\u0859-\u085B\u0898-\u089F\u08CA-\u08E1\u08E3-\u0903'
  '\u093A-\u093C\u093E-\u094F\u0951-\u0957\u0962\u0963\u0981-\u0983\u09BC\u09BE-\u09C4'
  '\u09C7\u09C8\u09CB-\u09CD\u09D7\u09E2\u09E3\u09FE\u0A01-\u0A03\u0A3C\u0A3E-\u0A42'
  '\u0A47\u0A48\u0A4B-\u0A4D\u0A51\u0A70\u0A71\u0A75\u0A81-\u0A83\u0ABC\u0ABE-\u0AC5'
  '\u0AC7-\u0AC9\u0ACB-\u0ACD\u0AE2\u0AE3\u0AFA-\u0AFF\u0B01-\u0B03\u0B3C\u0B3E-\u0B44'
  '\u0B47\u0B48\u0B4B-\u0B4D\u0B55-\u0B57\u0B62\u0B63\u0B82\u0BBE-\u0BC2\u0BC6-\u0BC8'
  '\u0BCA-\u0BCD\u0BD7\u0C00-\u0C04\u0C3C\u0C3E-\u0C44\u0C46-\u0C48\u0C4A-\u0C4D'
  '\u0C55\u0C56\u0C62\u0C63\u0C81-\u0C83\u0CBC\u0CBE-\u0CC4\u0CC6-\u0CC8\u0CCA-\u0CCD'
  '\u0CD5\u0CD6\u0CE2\u0CE3\u0CF3\u0D00-\u0D03\u0D3B\u0D3C\u0D3E-\u0D44\u0D46-\u0D48'
  '\u0D4A-\u0D4D\u0D57\u0D62\u0D63\u0D81-\u0D83\u0DCA\u0DCF-\u0DD4\u0DD6\u0DD8-\u0DDF'
  '\u0DF2\u0DF3\u0E31\u0E34-\u0E3A\u0E47-\u0E4E\u0EB1\u0EB4-\u0EBC\u0EC8-\u0ECE'
  '\u0F18\u0F19\u0F35\u0F37\u0F39\u0F3E\u0F3F\u0F71-\u0F84\u0F86\u0F87\u0F8D-\u0F97'
  '\u0F99-\u0FBC\u0FC6\u102B-\u103E\u1056-\u1059\u105E-\u1060\u1062-\u1064\u1067-\u106D'
  '\u1071-\u1074\u1082-\u108D\u108F\u109A-\u109D\u135D-\u135F\u1712-\u1715\u1732-\u1734'
  '\u1752\u1753\u1772\u1773\u17B4-\u17D3\u17DD\u180B-\u180D\u180F\u1885\u1886\u18A9'
  '\u1920-\u192B\u1930-\u193B\u1A17-\u1A1B\u1A55-\u1A5E\u1A60-\u1A7C\u1A7F\u1AB0-\u1ACE'
  '\u1B00-\u1B04\u1B34-\u1B44\u1B6B-\u1B73\u1B80-\u1B82\u1BA1-\u1BAD\u1BE6-\u1BF3'
  '\u1C24-\u1C37\u1CD0-\u1CD2\u1CD4-\u1CE8\u1CED\u1CF4\u1CF7-\u1CF9\u1DC0-\u1DFF'
  '\u20D0-\u20F0\u2CEF-\u2CF1\u2D7F\u2DE0-\u2DFF\u302A-\u302F\u3099\u309A\uA66F-\uA672'
  '\uA674-\uA67D\uA69E\uA69F\uA6F0\uA6F1\uA802\uA806\uA80B\uA823-\uA827\uA82C'
  '\uA880\uA881\uA8B4-\uA8C5\uA8E0-\uA8F1\uA8FF\uA926-\uA92D\uA947-\uA953\uA980-\uA983'
  '\uA9B3-\uA9C0\uA9E5\uAA29-\uAA36\uAA43\uAA4C\uAA4D\uAA7B-\uAA7D\uAAB0\uAAB2-\uAAB4'
  '\uAAB7\uAAB8\uAABE\uAABF\uAAC1\uAAEB-\uAAEF\uAAF5\uAAF6\uABE3-\uABEA\uABEC\uABED'
  '\uFB1E\uFE00-\uFE0F\uFE20-\uFE2F\U000101FD\U000102E0\U00010376-\U0001037A'
  '\U00010A01-\U00010A03\U00010A05\U00010A06\U00010A0C-\U00010A0F\U00010A38-\U00010A3A'
  '\U00010A3F\U00010AE5\U00010AE6\U00010D24-\U00010D27\U00010EAB\U00010EAC'
  '\U00010EFD-\U00010EFF\U00010F46-\U00010F50\U00010F82-\U00010F85\U00011000-\U00011002'
  '\U00011038-\U00011046\U00011070\U00011073\U00011074\U0001107F-\U00011082'
  '\U000110B0-\U000110BA\U000110C2\U00011100-\U00011102\U00011127-\U00011134'
  '\U00011145\U00011146\U00011173\U00011180-\U00011182\U000111B3-\U000111C0'
  '\U000111C9-\U000111CC\U000111CE\U000111CF\U0001122C-\U00011237\U0001123E\U00011241'
  '\U000112DF-\U000112EA\U00011300-\U00011303\U0001133B\U0001133C\U0001133E-\U00011344'
  '\U00011347\U00011348\U0001134B-\U0001134D\U00011357\U00011362\U00011363'
  '\U00011366-\U0001136C\U00011370-\U00011374\U00011435-\U00011446\U0001145E'
  '\U000114B0-\U000114C3\U000115AF-\U000115B5\U000115B8-\U000115C0\U000115DC\U000115DD'
  '\U00011630-\U00011640\U000116AB-\U000116B7\U0001171D-\U0001172B\U0001182C-\U0001183A'
  '\U00011930-\U00011935\U00011937\U00011938\U0001193B-\U0001193E\U00011940'
  '\U00011942\U00011943\U000119D1-\U000119D7\U000119DA-\U000119E0\U000119E4'
  '\U00011A01-\U00011A0A\U00011A33-\U00011A39\U00011A3B-\U00011A3E\U00011A47'
  '\U00011A51-\U00011A5B\U00011A8A-\U00011A99\U00011C2F-\U00011C36\U00011C38-\U00011C3F'
  '\U00011C92-\U00011CA7\U00011CA9-\U00011CB6\U00011D31-\U00011D36\U00011D3A'
  '\U00011D3C\U00011D3D\U00011D3F-\U00011D45\U00011D47\U00011D8A-\U00011D8E'
  '\U00011D90\U00011D91\U00011D93-\U00011D97\U00011EF3-\U00011EF6\U00011F00\U00011F01'
  '\U00011F03\U00011F34-\U00011F3A\U00011F3E-\U00011F42\U00013440\U00013447-\U00013455'
  '\U00016AF0-\U00016AF4\U00016B30-\U00016B36\U00016F4F\U00016F51-\U00016F87'
  '\U00016F8F-\U00016F92\U00016FE4\U00016FF0\U00016FF1\U0001BC9D\U0001BC9E'
  '\U0001CF00-\U0001CF2D\U0001CF30-\U0001CF46\U0001D165-\U0001D169\U0001D16D-\U0001D172'
  '\U0001D17B-\U0001D182\U0001D185-\U0001D18B\U0001D1AA-\U0001D1AD\U0001D242-\U0001D244'
  '\U0001DA00-\U0001DA36\U0001DA3B-\U0001DA6C\U0001DA75\U0001DA84\U0001DA9B-\U0001DA9F'
  '\U0001DAA1-\U0001DAAF\U0001E000-\U0001E006\U0001E008-\U0001E018\U0001E01B-\U0001E021'
  '\U0001E023\U0001E024\U0001E026-\U0001E02A\U0001E08F\U0001E130-\U0001E136\U0001E2AE'
  '\U0001E2EC-\U0001E2EF\U0001E4EC-\U0001E4EF\U0001E8D0-\U0001E8D6\U0001E944-\U0001E94A'
  '\U000E0100-\U000E01EF';

-- Numbers that are not decimal digits: Nl, No.
CREATE OR REPLACE FUNCTION ranah.unicode_other_numbers ()
RETURNS text LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
RETURN
  '\u00B2\u00B3\u00B9\u00BC-\u00BE\u09F4-\u09F9\u0B72-\u0B77\u0BF0-\u0BF2\u0C78-\u0C7E'
  '\u0D58-\u0D5E\u0D70-\u0D78\u0F2A-\u0F33\u1369-\u137C\u16EE-\u16F0\u17F0-\u17F9\u19DA'
  '\u2070\u2074-\u2079\u2080-\u2089\u2150-\u2182\u2185-\u2189\u2460-\u249B\u24EA-\u24FF'
  '\u2776-\u2793\u2CFD\u3007\u3021-\u3029\u3038-\u303A\u3192-\u3195\u3220-\u3229'
  '\u3248-\u324F\u3251-\u325F\u3280-\u3289\u32B1-\u32BF\uA6E6-\uA6EF\uA830-\uA835'
  '\U00010107-\U00010133\U00010140-\U00010178\U0001018A\U0001018B\U000102E1-\U000102FB'
  '\U00010320-\U00010323\U00010341\U0001034A\U000103D1-\U000103D5\U00010858-\U0001085F'
  '\U00010879-\U0001087F\U000108A7-\U000108AF\U000108FB-\U000108FF\U00010916-\U0001091B'
  '\U000109BC\U000109BD\U000109C0-\U000109CF\U000109D2-\U000109FF\U00010A40-\U00010A48'
  '\U00010A7D\U00010A7E\U00010A9D-\U00010A9F\U00010AEB-\U00010AEF\U00010B58-\U00010B5F'
  '\U00010B78-\U00010B7F\U00010BA9-\U00010BAF\U00010CFA-\U00010CFF\U00010E60-\U00010E7E'
  '\U00010F1D-\U00010F26\U00010F51-\U00010F54\U00010FC5-\U00010FCB\U00011052-\U00011065'
  '\U000111E1-\U000111F4\U0001173A\U0001173B\U000118EA-\U000118F2\U00011C5A-\U00011C6C'
  '\U00011FC0-\U00011FD4\U00012400-\U0001246E\U00016B5B-\U00016B61\U00016E80-\U00016E96'
  '\U0001D2C0-\U0001D2D3\U0001D2E0-\U0001D2F3\U0001D360-\U0001D378\U0001E8C7-\U0001E8CF'
  '\U0001EC71-\U0001ECAB\U0001ECAD-\U0001ECAF\U0001ECB1-\U0001ECB4\U0001ED01-\U0001ED2D'
  '\U0001ED2F-\U0001ED3D\U0001F100-\U0001F10C';

-- Format characters: Cf (zero-width, direction and other invisible characters).
CREATE OR REPLACE FUNCTION ranah.unicode_format_chars ()
RETURNS text LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
RETURN
  '\u00AD\u0600-\u0605\u061C\u06DD\u070F\u0890\u0891\u08E2\u180E\u200B-\u200F'
  '\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB\U000110BD\U000110CD'
  '\U00013430-\U0001343F\U0001BCA0-\U0001BCA3\U0001D173-\U0001D17A\U000E0001'
  '\U000E0020-\U000E007F';

-- ---- Punycode (RFC 3492) and IDNA ------------------------------------------------------

-- Bias adaptation, RFC 3492 §6.1.
CREATE OR REPLACE FUNCTION ranah.punycode_adapt (p_delta bigint, p_points bigint,
                                                 p_first boolean)
RETURNS bigint LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  delta bigint := CASE WHEN p_first THEN p_delta / 700 ELSE p_delta / 2 END;
  k bigint := 0;
BEGIN
  delta := delta + delta / p_points;
  WHILE delta > ((36 - 1) * 26) / 2 LOOP
    delta := delta / (36 - 1);
    k := k + 36;
  END LOOP;
  RETURN k + (36 - 1 + 1) * delta / (delta + 38);
END $$;

-- The code points @p encodes (RFC 3492 §6.2: base 36, tmin 1, tmax 26, skew 38, damp 700,
-- initial bias 72, initial n 128), as text; NULL when @p is not Punycode, overflows 32
-- bits (as GLib's decoder counts) or decodes to what is not a Unicode scalar value. Digits
-- are read in either case; basic code points keep theirs.
CREATE OR REPLACE FUNCTION ranah.punycode_decode (p text)
RETURNS text LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  maxint constant bigint := 4294967295;
  len integer := length (p);
  last_delim integer;
  output integer[] := '{}';
  pos integer := 1;
  n bigint := 128;
  i bigint := 0;
  bias bigint := 72;
  oldi bigint;
  w bigint;
  k bigint;
  t bigint;
  digit bigint;
  c integer;
  points bigint;
BEGIN
  IF p IS NULL OR p ~ '[^\u0001-\u007F]' THEN
    RETURN NULL;
  END IF;
  -- The basic code points are those before the last delimiter, unless it is the first.
  last_delim := len + 1 - coalesce (nullif (strpos (reverse (p), '-'), 0), len + 1);
  IF last_delim > 1 THEN
    output := array (SELECT ascii (substr (p, j, 1)) FROM generate_series (1, last_delim - 1) j);
    pos := last_delim + 1;
  END IF;
  WHILE pos <= len LOOP
    oldi := i;
    w := 1;
    k := 36;
    LOOP
      IF pos > len THEN
        RETURN NULL;
      END IF;
      c := ascii (substr (p, pos, 1));
      pos := pos + 1;
      digit := CASE WHEN c BETWEEN 65 AND 90 THEN c - 65
                    WHEN c BETWEEN 97 AND 122 THEN c - 97
                    WHEN c BETWEEN 48 AND 57 THEN c - 48 + 26
                    ELSE 36 END;
      IF digit >= 36 OR digit > (maxint - i) / w THEN
        RETURN NULL;
      END IF;
      i := i + digit * w;
      t := CASE WHEN k <= bias THEN 1 WHEN k >= bias + 26 THEN 26 ELSE k - bias END;
      EXIT WHEN digit < t;
      IF w > maxint / (36 - t) THEN
        RETURN NULL;
      END IF;
      w := w * (36 - t);
      k := k + 36;
    END LOOP;
    points := cardinality (output) + 1;
    bias := ranah.punycode_adapt (i - oldi, points, oldi = 0);
    IF i / points > maxint - n THEN
      RETURN NULL;
    END IF;
    n := n + i / points;
    i := i % points;
    IF n > 1114111 OR n BETWEEN 55296 AND 57343 THEN
      RETURN NULL;
    END IF;
    output := output[1:i] || n::integer || output[i + 1:];
    i := i + 1;
  END LOOP;
  RETURN coalesce ((SELECT string_agg (chr (x), '' ORDER BY o)
                      FROM unnest (output) WITH ORDINALITY AS u (x, o)), '');
END $$;

-- The Punycode of @p (RFC 3492 §6.3), its basic code points in lowercase as GLib writes
-- them; NULL for NULL.
CREATE OR REPLACE FUNCTION ranah.punycode_encode (p text)
RETURNS text LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  input integer[] := array (SELECT ascii (substr (p, j, 1))
                              FROM generate_series (1, length (p)) j ORDER BY j);
  output text := lower (regexp_replace (p, '[^\u0001-\u007F]', '', 'g') COLLATE "C");
  basic integer := length (output);
  handled integer := basic;
  n bigint := 128;
  delta bigint := 0;
  bias bigint := 72;
  m bigint;
  q bigint;
  k bigint;
  t bigint;
  d bigint;
  c integer;
BEGIN
  IF p IS NULL THEN
    RETURN NULL;
  END IF;
  IF basic > 0 THEN
    output := output || '-';
  END IF;
  WHILE handled < cardinality (input) LOOP
    SELECT min (x) INTO m FROM unnest (input) x WHERE x >= n;
    delta := delta + (m - n) * (handled + 1);
    n := m;
    FOREACH c IN ARRAY input LOOP
      IF c < n THEN
        delta := delta + 1;
      ELSIF c = n THEN
        q := delta;
        k := 36;
        LOOP
          t := CASE WHEN k <= bias THEN 1 WHEN k >= bias + 26 THEN 26 ELSE k - bias END;
          EXIT WHEN q < t;
          d := t + (q - t) % (36 - t);
          output := output || chr (CASE WHEN d < 26 THEN 97 + d ELSE 48 + d - 26 END::integer);
          q := (q - t) / (36 - t);
          k := k + 36;
        END LOOP;
        output := output || chr (CASE WHEN q < 26 THEN 97 + q ELSE 48 + q - 26 END::integer);
        bias := ranah.punycode_adapt (delta, handled + 1, handled = basic);
        delta := 0;
        handled := handled + 1;
      END IF;
    END LOOP;
    delta := delta + 1;
    n := n + 1;
  END LOOP;
  RETURN output;
END $$;

-- What GLib's g_hostname_to_ascii () makes of a label before it encodes it (its nameprep):
-- without the characters RFC 3454 table B.1 maps to nothing, lowercase, NFKC, lowercase.
CREATE OR REPLACE FUNCTION ranah.idna_nameprep (p text)
RETURNS text LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
RETURN lower (normalize (lower (regexp_replace (p, '[\u00AD\u034F\u1806\u180B-\u180D'
                                                   '\u200B-\u200D\u2060\uFE00-\uFE0F\uFEFF]',
                                                '', 'g') COLLATE "und-x-icu"), NFKC)
              COLLATE "und-x-icu");

-- Whether @p, the Unicode form of an xn-- label, is one a person could have typed and the
-- label its only spelling: at least one character beyond ASCII; only letters, digits,
-- combining marks and hyphens (core's unicode_label_char_ok ()); no hyphen at its start
-- or end nor in both its third and fourth place, no combining mark first (RFC 5891
-- §4.2.3.1, §4.2.3.2); unchanged by nameprep but for the case of ASCII letters.
CREATE OR REPLACE FUNCTION ranah.idna_u_label_ok (p text)
RETURNS boolean LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
RETURN p ~ '[^\u0001-\u007F]'
   AND p COLLATE "und-x-icu" ~ ('^[-[:alnum:]' || ranah.unicode_marks ()
                                || ranah.unicode_other_numbers () || ']+$')
   AND p !~ '^-|-$|^..--'
   AND p !~ ('^[' || ranah.unicode_marks () || ']')
   -- Unicode 15.0's Cyrillic modifier letters, which NFKC maps to Cyrillic letters but
   -- PostgreSQL 15's normalize () (Unicode 14.0) does not know.
   AND p !~ '[\U0001E030-\U0001E06D]'
   AND ranah.idna_nameprep (p) = lower (p COLLATE "C");

-- Whether @p, an LDH label starting with xn-- in any case, is a valid A-label: it decodes,
-- its Unicode form passes ranah.idna_u_label_ok (), and encoding that form again after
-- nameprep gives @p back (but for case).
CREATE OR REPLACE FUNCTION ranah.idna_a_label_ok (p text)
RETURNS boolean LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  u text := ranah.punycode_decode (substr (p, 5));
BEGIN
  RETURN u IS NOT NULL AND ranah.idna_u_label_ok (u)
     AND 'xn--' || ranah.punycode_encode (ranah.idna_nameprep (u)) = lower (p COLLATE "C");
END $$;

-- ---- names -----------------------------------------------------------------------------

-- A copy of @p safe to put in a message (core's shown ()): every control, format, line and
-- paragraph separator character written as <U+XXXX>, cut with "…" after 64 characters.
CREATE OR REPLACE FUNCTION ranah.validate_shown (p text)
RETURNS text LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  hidden text := '[\u0001-\u001F\u007F-\u009F\u2028\u2029' || ranah.unicode_format_chars ()
                 || ']';
  shown text := '';
  c text;
  hex text;
BEGIN
  FOR i IN 1 .. least (length (coalesce (p, '')), 65) LOOP
    IF i = 65 THEN
      RETURN shown || '…';
    END IF;
    c := substr (p, i, 1);
    IF c ~ hidden THEN
      hex := upper (to_hex (ascii (c)));
      shown := shown || '<U+' || lpad (hex, greatest (4, length (hex)), '0') || '>';
    ELSE
      shown := shown || c;
    END IF;
  END LOOP;
  RETURN shown;
END $$;

-- What is wrong with the ASCII label @p_label (core's check_ascii_label ()), NULL when
-- nothing: @p_is_name picks the sentences for a requested name ("The name …") or for a
-- domain name, whose whole, @p_whole, the sentences show.
CREATE OR REPLACE FUNCTION ranah.label_problem (p_label text, p_whole text,
                                                p_allow_underscore boolean,
                                                p_is_name boolean)
RETURNS text LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  s text := ranah.validate_shown (p_whole);
  len integer := length (p_label);
BEGIN
  IF len = 0 THEN
    RETURN CASE WHEN p_is_name THEN 'The name may not be empty.'
                ELSE format ('The domain name “%s” has an empty label (two dots in a row, or a '
                             'dot at the start).', s) END;
  END IF;
  IF len > 63 THEN
    RETURN CASE WHEN p_is_name THEN format ('The name “%s” is longer than 63 characters.', s)
                ELSE format ('The domain name “%s” has a label longer than 63 characters.', s)
                END;
  END IF;
  IF p_label !~ (CASE WHEN p_allow_underscore THEN '^[-_A-Za-z0-9]+$' ELSE '^[-A-Za-z0-9]+$'
                 END) THEN
    RETURN CASE WHEN p_is_name
                THEN format ('The name “%s” may only contain the letters a–z, the digits 0–9 '
                             'and hyphens.', s)
                WHEN p_allow_underscore
                THEN format ('The domain name “%s” may only contain the letters a–z, the '
                             'digits 0–9, hyphens, underscores and dots.', s)
                ELSE format ('The domain name “%s” may only contain the letters a–z, the '
                             'digits 0–9, hyphens and dots.', s) END;
  END IF;
  IF p_label LIKE '-%' OR p_label LIKE '%-' THEN
    RETURN CASE WHEN p_is_name
                THEN format ('The name “%s” may not start or end with a hyphen.', s)
                ELSE format ('The domain name “%s” has a label that starts or ends with a '
                             'hyphen.', s) END;
  END IF;
  -- RFC 5891 §4.2.3.1: "??--" is reserved for IDNA; only a valid xn-- label may use it.
  IF p_label ~ '^..--' THEN
    IF lower (left (p_label, 2) COLLATE "C") <> 'xn' THEN
      RETURN CASE WHEN p_is_name
                  THEN format ('The name “%s” may not have hyphens in both the third and '
                               'fourth position.', s)
                  ELSE format ('The domain name “%s” has a label with hyphens in both the '
                               'third and fourth position.', s) END;
    END IF;
    IF NOT ranah.idna_a_label_ok (p_label) THEN
      RETURN CASE WHEN p_is_name
                  THEN format ('The name “%s” starts with xn-- but is not a valid '
                               'internationalised name.', s)
                  ELSE format ('The domain name “%s” has an xn-- label that is not a valid '
                               'internationalised name.', s) END;
    END IF;
  END IF;
  RETURN NULL;
END $$;

-- A requested subdomain label (ranah_validate_label ()): trimmed of ASCII white space, 1–63
-- of a–z, 0–9 and '-' after folding upper case, no hyphen first or last, "??--" only in a
-- valid xn-- label. Returns the lowercase label. A U-label is refused: the desktop sends
-- its xn-- form.
CREATE OR REPLACE FUNCTION ranah.check_label (p text)
RETURNS text LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  trimmed text := btrim (coalesce (p, ''), ' ' || chr (9) || chr (10) || chr (11) || chr (12)
                                           || chr (13));
  s text := ranah.validate_shown (trimmed);
  label text := lower (trimmed COLLATE "C");
  problem text;
BEGIN
  -- No label of 63 characters is spelled in more than 63 letters and their marks.
  IF octet_length (trimmed) > 8 * 63 THEN
    RAISE EXCEPTION USING ERRCODE = 'RN004',
      MESSAGE = format ('The name “%s” is longer than 63 characters.', s);
  END IF;
  IF trimmed ~ '[^\u0001-\u007F]' THEN
    RAISE EXCEPTION USING ERRCODE = 'RN004',
      MESSAGE = format ('The name “%s” must be sent in its internationalised (xn--) form.', s);
  END IF;
  IF strpos (label, '.') > 0 THEN
    RAISE EXCEPTION USING ERRCODE = 'RN004',
      MESSAGE = format ('The name “%s” must be a single label without dots.', s);
  END IF;
  problem := ranah.label_problem (label, trimmed, false, true);
  IF problem IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'RN004', MESSAGE = problem;
  END IF;
  RETURN label;
END $$;

-- What is wrong with the domain name @p (ranah_validate_fqdn ()), NULL when nothing.
CREATE OR REPLACE FUNCTION ranah.fqdn_problem (p text, p_allow_underscore boolean)
RETURNS text LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  name text := coalesce (p, '');
  s text := ranah.validate_shown (name);
  body text := CASE WHEN name LIKE '%.' THEN left (name, -1) ELSE name END;
  label text;
  problem text;
BEGIN
  IF name = '' THEN
    RETURN 'The domain name may not be empty.';
  END IF;
  IF body = '' THEN
    RETURN format ('The domain name “%s” is only the root; a name is needed.', s);
  END IF;
  IF name ~ '[^\u0001-\u007F]' THEN
    RETURN format ('The domain name “%s” must be written in ASCII; write internationalised '
                   'labels in their xn-- form.', s);
  END IF;
  IF length (body) > 253 THEN
    RETURN format ('The domain name “%s” is longer than 253 characters.', s);
  END IF;
  FOREACH label IN ARRAY string_to_array (body, '.') LOOP
    problem := ranah.label_problem (label, name, coalesce (p_allow_underscore, false), false);
    IF problem IS NOT NULL THEN
      RETURN problem;
    END IF;
  END LOOP;
  RETURN NULL;
END $$;

-- An absolute or relative domain name (ranah_validate_fqdn ()): ASCII labels as above
-- (underscores allowed when @p_allow_underscore), at most 253 characters without the final
-- dot. Returns @p as it is.
CREATE OR REPLACE FUNCTION ranah.check_fqdn (p text, p_allow_underscore boolean)
RETURNS text LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  problem text := ranah.fqdn_problem (p, p_allow_underscore);
BEGIN
  IF problem IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'RN004', MESSAGE = problem;
  END IF;
  RETURN p;
END $$;

-- ---- records ---------------------------------------------------------------------------

-- The family of the address @p spells, 4 or 6, as inet_pton () (and so GLib's
-- g_inet_address_new_from_string ()) reads it; NULL when @p is no address. Stricter than
-- PostgreSQL's inet input, which also takes "01.2.3.4", "1.2.3.4.", "::1.2.3", masks and
-- no scope suffix ("fe80::1%eth0") either.
CREATE OR REPLACE FUNCTION ranah.address_family (p text)
RETURNS integer LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  octet constant text := '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
  v4 constant text := octet || '\.' || octet || '\.' || octet || '\.' || octet;
  compressed boolean := strpos (p, '::') > 0;
  head text := CASE WHEN compressed THEN left (p, strpos (p, '::') - 1) ELSE p END;
  tail text := CASE WHEN compressed THEN substr (p, strpos (p, '::') + 2) ELSE '' END;
  groups text[];
  n integer := 0;
BEGIN
  IF p ~ ('^' || v4 || '$') THEN
    RETURN 4;
  END IF;
  IF p !~ '^[0-9A-Fa-f:.]+$' OR strpos (tail, '::') > 0 THEN
    RETURN NULL;
  END IF;
  groups := CASE WHEN head = '' THEN '{}'::text[] ELSE string_to_array (head, ':') END
            || CASE WHEN tail = '' THEN '{}'::text[] ELSE string_to_array (tail, ':') END;
  FOR j IN 1 .. coalesce (cardinality (groups), 0) LOOP
    IF groups[j] ~ '^[0-9A-Fa-f]{1,4}$' THEN
      n := n + 1;
    -- A dotted quad may only end the address.
    ELSIF j = cardinality (groups) AND groups[j] ~ ('^' || v4 || '$') AND p !~ ':$' THEN
      n := n + 2;
    ELSE
      RETURN NULL;
    END IF;
  END LOOP;
  RETURN CASE WHEN (compressed AND n <= 7) OR (NOT compressed AND n = 8) THEN 6 END;
END $$;

-- The reserved range @p falls into (core's reserved_range (): RFC 6890 and its
-- successors, first match in core's order, then all of IPv6 outside 2000::/3), in core's
-- words, and its prefix as core writes it; NULLs when @p is public.
CREATE OR REPLACE FUNCTION ranah.reserved_range (p inet, OUT what text, OUT prefix text)
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  SELECT r.what, r.prefix INTO what, prefix
    FROM (VALUES (1, '255.255.255.255/32', 'the broadcast address'),
                 (2, '0.0.0.0/8', 'the “this network” range'),
                 (3, '10.0.0.0/8', 'a private range'),
                 (4, '100.64.0.0/10', 'the shared (carrier-grade NAT) range'),
                 (5, '127.0.0.0/8', 'the loopback range'),
                 (6, '169.254.0.0/16', 'the link-local range'),
                 (7, '172.16.0.0/12', 'a private range'),
                 (8, '192.0.0.0/24', 'the IETF protocol assignments range'),
                 (9, '192.0.2.0/24', 'a documentation range'),
                 (10, '192.88.99.0/24', 'the deprecated 6to4 relay range'),
                 (11, '192.168.0.0/16', 'a private range'),
                 (12, '198.18.0.0/15', 'the benchmarking range'),
                 (13, '198.51.100.0/24', 'a documentation range'),
                 (14, '203.0.113.0/24', 'a documentation range'),
                 (15, '224.0.0.0/4', 'the multicast range'),
                 (16, '240.0.0.0/4', 'the reserved range'),
                 (17, '::/128', 'the unspecified address'),
                 (18, '::1/128', 'the loopback address'),
                 (19, '::ffff:0:0/96', 'the IPv4-mapped range'),
                 (20, '::/96', 'the deprecated IPv4-compatible range'),
                 (21, '64:ff9b::/96', 'the NAT64 translation range'),
                 (22, '64:ff9b:1::/48', 'the local NAT64 translation range'),
                 (23, '100::/64', 'the discard-only range'),
                 (24, '2001:db8::/32', 'a documentation range'),
                 (25, '3fff::/20', 'a documentation range'),
                 (26, '2001::/23', 'the IETF protocol assignments range'),
                 (27, '2002::/16', 'the 6to4 range'),
                 (28, 'fc00::/7', 'the unique local (private) range'),
                 (29, 'fe80::/10', 'the link-local range'),
                 (30, 'fec0::/10', 'the deprecated site-local range'),
                 (31, 'ff00::/8', 'the multicast range')) AS r (n, prefix, what)
   WHERE family (p) = family (r.prefix::inet) AND p <<= r.prefix::inet
   ORDER BY r.n
   LIMIT 1;
  -- Only 2000::/3 is allocated for global unicast; the rest of IPv6 is reserved.
  IF what IS NULL AND family (p) = 6 AND NOT p <<= '2000::/3'::inet THEN
    what := 'the space outside global unicast';
    prefix := '2000::/3';
  END IF;
END $$;

-- What is wrong with the host name a CNAME or MX record of type @p_type points to (core's
-- check_target_name ()): an FQDN of two labels or more, not an address; NULL when nothing.
CREATE OR REPLACE FUNCTION ranah.target_name_problem (p_target text, p_type text)
RETURNS text LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  target text := coalesce (p_target, '');
  s text := ranah.validate_shown (target);
  body text := CASE WHEN target LIKE '%.' THEN left (target, -1) ELSE target END;
  problem text;
BEGIN
  IF target = '' THEN
    RETURN format ('The target of the %s record may not be empty.', p_type);
  END IF;
  IF ranah.address_family (target) IS NOT NULL THEN
    RETURN format ('The target “%s” of the %s record is an address; it must be a domain name '
                   '(use an A or AAAA record for an address).', s, p_type);
  END IF;
  problem := ranah.fqdn_problem (target, false);
  IF problem IS NOT NULL THEN
    RETURN format ('The target of the %s record is invalid: %s', p_type, problem);
  END IF;
  IF strpos (body, '.') = 0 THEN
    RETURN format ('The target “%s” of the %s record must be a fully qualified domain name '
                   'such as “server.tarakankota.go.id”.', s, p_type);
  END IF;
  IF body ~ '\.[0-9]+$' THEN
    RETURN format ('The target “%s” of the %s record ends in a numeric label, which no '
                   'domain name does.', s, p_type);
  END IF;
  RETURN NULL;
END $$;

-- What is wrong with one record (ranah_validate_record ()), NULL when nothing.
CREATE OR REPLACE FUNCTION ranah.record_problem (p_type text, p_host text, p_target text,
                                                 p_ttl integer, p_priority integer,
                                                 p_internal boolean)
RETURNS text LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  host text := coalesce (p_host, '');
  target text := coalesce (p_target, '');
  ttl integer := coalesce (p_ttl, 0);
  priority integer := coalesce (p_priority, 0);
  s text := ranah.validate_shown (target);
  problem text;
  af integer;
  range_what text;
  range_prefix text;
BEGIN
  IF p_type IS NULL OR p_type NOT IN ('A', 'AAAA', 'CNAME', 'TXT', 'MX') THEN
    RETURN format ('The record type “%s” is not one of A, AAAA, CNAME, TXT or MX.',
                   ranah.validate_shown (p_type));
  END IF;

  IF host <> '' AND host <> '@' THEN
    IF host LIKE '%.' THEN
      RETURN format ('The host “%s” of the %s record must be relative to the subdomain, '
                     'without a final dot.', ranah.validate_shown (host), p_type);
    END IF;
    problem := ranah.fqdn_problem (host, true);
    IF problem IS NOT NULL THEN
      RETURN format ('The host of the %s record is invalid: %s', p_type, problem);
    END IF;
  END IF;

  IF ttl <> 0 AND (ttl < 60 OR ttl > 86400) THEN
    RETURN format ('The TTL %s of the %s record must be 0 (the zone’s default) or between 60 '
                   'and 86400 seconds.', ttl, p_type);
  END IF;

  CASE p_type
  WHEN 'A', 'AAAA' THEN
    IF target = '' THEN
      RETURN format ('The address of the %s record may not be empty.', p_type);
    END IF;
    af := ranah.address_family (target);
    IF af IS NULL THEN
      RETURN CASE p_type
               WHEN 'A' THEN format ('The target “%s” of the A record is not an IPv4 address '
                                     'such as 203.0.113.10.', s)
               ELSE format ('The target “%s” of the AAAA record is not an IPv6 address such '
                            'as 2001:db8::10.', s) END;
    END IF;
    IF (p_type = 'A') <> (af = 4) THEN
      RETURN CASE p_type
               WHEN 'A' THEN format ('The target “%s” of the A record is an IPv6 address; use '
                                     'an AAAA record.', s)
               ELSE format ('The target “%s” of the AAAA record is an IPv4 address; use an A '
                            'record.', s) END;
    END IF;
    IF NOT coalesce (p_internal, false) THEN
      SELECT r.what, r.prefix INTO range_what, range_prefix
        FROM ranah.reserved_range (target::inet) AS r;
      IF range_what IS NOT NULL THEN
        RETURN format ('The address “%s” of the %s record is in %s (%s); mark the record as '
                       'internal to allow it.', s, p_type, range_what, range_prefix);
      END IF;
    END IF;
  WHEN 'CNAME' THEN
    RETURN ranah.target_name_problem (target, p_type);
  WHEN 'MX' THEN
    IF priority < 0 OR priority > 65535 THEN
      RETURN format ('The priority %s of the MX record must be between 0 and 65535.', priority);
    END IF;
    RETURN ranah.target_name_problem (target, p_type);
  WHEN 'TXT' THEN
    IF target = '' THEN
      RETURN 'The text of the TXT record may not be empty.';
    END IF;
    IF octet_length (target) > 255 THEN
      RETURN format ('The text of the TXT record is %s bytes long; one string holds at most '
                     '255.', octet_length (target));
    END IF;
    IF target !~ '^[ -~]+$' THEN
      RETURN 'The text of the TXT record may only contain printable ASCII characters.';
    END IF;
  END CASE;
  RETURN NULL;
END $$;

-- One record (ranah_validate_record ()): an IPv4 address for A, IPv6 for AAAA (no scope;
-- reserved ranges only when @p_internal), a host name of two labels or more for CNAME and
-- MX (priority 0–65535), 1–255 bytes of printable ASCII for TXT; TTL 0 or 60–86400; the
-- host "", "@" or a relative name (underscores allowed). @p_type is a nick of
-- ranah_record_type_to_string ().
CREATE OR REPLACE FUNCTION ranah.check_record (p_type text, p_host text, p_target text,
                                               p_ttl integer, p_priority integer,
                                               p_internal boolean)
RETURNS void LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  problem text := ranah.record_problem (p_type, p_host, p_target, p_ttl, p_priority,
                                        p_internal);
BEGIN
  IF problem IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'RN004', MESSAGE = problem;
  END IF;
END $$;

-- What is wrong with the records of one name (ranah_validate_records ()), NULL when
-- nothing. @p is the array ranah_json_records () writes: objects with the keys type, host,
-- target, ttl, priority and internal (others, such as id, created and verified, are not
-- looked at); a key that is missing or null counts as "", 0 or false.
CREATE OR REPLACE FUNCTION ranah.records_problem (p jsonb)
RETURNS text LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  shape constant text := 'The records must be a JSON array of objects whose type, host and '
                         'target are strings, whose ttl and priority are whole numbers and '
                         'whose internal is true or false.';
  e jsonb;
  types text[] := '{}';
  hosts text[] := '{}';
  targets text[] := '{}';
  problem text;
  h text;
BEGIN
  IF p IS NULL OR jsonb_typeof (p) = 'null' OR p = '[]'::jsonb THEN
    RETURN 'The records must list at least one DNS record for the name.';
  END IF;
  IF jsonb_typeof (p) <> 'array' THEN
    RETURN shape;
  END IF;
  FOR e IN SELECT x FROM jsonb_array_elements (p) WITH ORDINALITY AS a (x, o) ORDER BY o LOOP
    IF jsonb_typeof (e) <> 'object'
       OR coalesce (jsonb_typeof (e->'type'), 'null') NOT IN ('string', 'null')
       OR coalesce (jsonb_typeof (e->'host'), 'null') NOT IN ('string', 'null')
       OR coalesce (jsonb_typeof (e->'target'), 'null') NOT IN ('string', 'null')
       OR coalesce (jsonb_typeof (e->'internal'), 'null') NOT IN ('boolean', 'null')
       OR EXISTS (SELECT 1 FROM unnest (ARRAY[e->'ttl', e->'priority']) AS n (v)
                   WHERE jsonb_typeof (n.v) <> 'null'
                     AND (jsonb_typeof (n.v) <> 'number'
                          OR n.v::numeric <> trunc (n.v::numeric)
                          OR n.v::numeric NOT BETWEEN -2147483648 AND 2147483647)) THEN
      RETURN shape;
    END IF;
    problem := ranah.record_problem (e->>'type', e->>'host', e->>'target',
                                     (e->>'ttl')::numeric::integer,
                                     (e->>'priority')::numeric::integer,
                                     (e->>'internal')::boolean);
    IF problem IS NOT NULL THEN
      RETURN problem;
    END IF;
    types := types || (e->>'type');
    -- The host key: "@" is the subdomain itself, as "" is; case does not count.
    hosts := hosts || lower (CASE coalesce (e->>'host', '') WHEN '@' THEN ''
                             ELSE coalesce (e->>'host', '') END COLLATE "C");
    targets := targets || coalesce (e->>'target', '');
  END LOOP;

  FOR i IN 1 .. cardinality (types) LOOP
    FOR j IN i + 1 .. cardinality (types) LOOP
      CONTINUE WHEN hosts[i] <> hosts[j];
      h := ranah.validate_shown (CASE WHEN hosts[i] <> '' THEN hosts[i] ELSE '@' END);
      IF types[i] = 'CNAME' AND types[j] = 'CNAME' THEN
        RETURN format ('The host “%s” may not have two CNAME records.', h);
      END IF;
      IF types[i] = 'CNAME' OR types[j] = 'CNAME' THEN
        RETURN format ('The host “%s” may not have a CNAME record beside other records '
                       '(RFC 1034 §3.6.2).', h);
      END IF;
      IF types[i] = types[j] AND lower (targets[i] COLLATE "C") = lower (targets[j] COLLATE "C")
      THEN
        RETURN format ('The %s record “%s” at host “%s” is listed twice.', types[i],
                       ranah.validate_shown (targets[i]), h);
      END IF;
    END LOOP;
  END LOOP;
  RETURN NULL;
END $$;

-- The records of one name (ranah_validate_records ()), in the JSON the store sends: each
-- as ranah.check_record () has it, at least one, no CNAME beside another record at the
-- same host (RFC 1034 §3.6.2), no record listed twice.
CREATE OR REPLACE FUNCTION ranah.check_records (p jsonb)
RETURNS void LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  problem text := ranah.records_problem (p);
BEGIN
  IF problem IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'RN004', MESSAGE = problem;
  END IF;
END $$;

-- ---- letter numbers --------------------------------------------------------------------

-- A letter number from the template (ranah_letter_number_format ()): {klasifikasi},
-- {urut} (zero-padded to 4 digits), {unit}, {tahun} and {bulan} (the month in Roman
-- numerals); the template has at most 200 characters, must contain {urut}, and no other
-- placeholder nor a lone brace.
CREATE OR REPLACE FUNCTION ranah.format_letter_number (p_template text, p_klasifikasi text,
                                                       p_urut integer, p_unit text,
                                                       p_year integer, p_month integer)
RETURNS text LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  template text := coalesce (p_template, '');
  urut integer := coalesce (p_urut, 0);
  tahun integer := coalesce (p_year, 0);
  bulan integer := coalesce (p_month, 0);
  rest text := template;
  formatted text := '';
  brace integer;
  brace_end integer;
  placeholder text;
  has_urut boolean := false;
  needs_month boolean := false;
BEGIN
  IF length (template) > 200 THEN
    RAISE EXCEPTION USING ERRCODE = 'RN004',
      MESSAGE = 'The letter-number template may have at most 200 characters.';
  END IF;
  -- Core's numbers are unsigned.
  IF urut < 0 OR tahun < 0 THEN
    RAISE EXCEPTION USING ERRCODE = 'RN004',
      MESSAGE = 'The running number and the year of a letter number may not be negative.';
  END IF;
  LOOP
    brace := regexp_instr (rest, '[{}]');
    IF brace = 0 THEN
      formatted := formatted || rest;
      EXIT;
    END IF;
    formatted := formatted || left (rest, brace - 1);
    IF substr (rest, brace, 1) = '}' THEN
      RAISE EXCEPTION USING ERRCODE = 'RN004',
        MESSAGE = format ('The letter-number template “%s” has a “}” without its “{”.',
                          template);
    END IF;
    brace_end := regexp_instr (rest, '[{}]', brace + 1);
    IF brace_end = 0 OR substr (rest, brace_end, 1) = '{' THEN
      RAISE EXCEPTION USING ERRCODE = 'RN004',
        MESSAGE = format ('The letter-number template “%s” has a “{” without its “}”.',
                          template);
    END IF;
    placeholder := substr (rest, brace + 1, brace_end - brace - 1);
    CASE placeholder
    WHEN 'klasifikasi' THEN
      formatted := formatted || coalesce (p_klasifikasi, '');
    WHEN 'urut' THEN
      has_urut := true;
      formatted := formatted || CASE WHEN urut < 10000 THEN lpad (urut::text, 4, '0')
                                     ELSE urut::text END;
    WHEN 'unit' THEN
      formatted := formatted || coalesce (p_unit, '');
    WHEN 'tahun' THEN
      formatted := formatted || tahun::text;
    WHEN 'bulan' THEN
      IF bulan BETWEEN 1 AND 12 THEN
        formatted := formatted || (ARRAY['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII',
                                         'IX', 'X', 'XI', 'XII'])[bulan];
      ELSE
        needs_month := true;
      END IF;
    ELSE
      RAISE EXCEPTION USING ERRCODE = 'RN004',
        MESSAGE = format ('The letter-number template “%s” has the unknown placeholder '
                          '“{%s}”; use {klasifikasi}, {urut}, {unit}, {tahun} or {bulan}.',
                          template, placeholder);
    END CASE;
    rest := substr (rest, brace_end + 1);
  END LOOP;
  IF NOT has_urut THEN
    RAISE EXCEPTION USING ERRCODE = 'RN004',
      MESSAGE = format ('The letter-number template “%s” must contain {urut}, the running '
                        'number.', template);
  END IF;
  IF needs_month THEN
    RAISE EXCEPTION USING ERRCODE = 'RN004',
      MESSAGE = format ('The month %s for {bulan} in the letter number must be between 1 '
                        'and 12.', bulan);
  END IF;
  RETURN formatted;
END $$;
