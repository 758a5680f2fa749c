/**
 * Test helper: reads a workbook back with exceljs and recomputes its formulas, so a test can check that
 * every cached value is what the formula gives, and that no formula reads a text cell ("non précisé").
 * It knows the formulas Grille writes: + - * /, parentheses, cell references (with $ and 'Sheet'!),
 * ranges, SUM, PRODUCT and ROUND.
 */
import ExcelJS from 'exceljs';

export async function readWorkbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

export interface FormulaCellInfo {
  sheet: string;
  address: string;
  formula: string;
  result: unknown;
}

/** Every formula cell of the workbook. */
export function formulaCells(wb: ExcelJS.Workbook): FormulaCellInfo[] {
  const out: FormulaCellInfo[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) {
          // cell.result, not cell.value.result: exceljs's value copy drops a result of 0
          out.push({ sheet: ws.name, address: cell.address, formula: cell.formula, result: cell.result });
        }
      }),
    );
  }
  return out;
}

type Value = number | number[];

/** A reference read by a formula: the cell's number, or an error naming a text or empty cell. */
function cellNumber(wb: ExcelJS.Workbook, sheet: string, address: string, strict: boolean): number | null {
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`feuille « ${sheet} » absente`);
  const cell = ws.getCell(address.replace(/\$/g, ''));
  const v = cell.value;
  if (typeof v === 'number') return v;
  if (cell.type === ExcelJS.ValueType.Formula && typeof cell.result === 'number') return cell.result;
  if (strict) throw new Error(`${sheet}!${address} n'est pas un nombre (${JSON.stringify(v)})`);
  return null;
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

function colLetters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/**
 * Evaluates `formula` as written in `sheet`. Single references must be numbers (a formula never reads
 * "non précisé"); inside ranges, texts are skipped as SUM does, unless `strictRanges`.
 */
export function evaluate(wb: ExcelJS.Workbook, sheet: string, formula: string, strictRanges = true): number {
  const tokens = formula.match(/'(?:[^']|'')+'!\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?|\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?|[A-Z]+(?=\()|\d+(?:\.\d+)?|[-+*/(),]/g);
  if (!tokens || tokens.join('') !== formula.replace(/\s+/g, '')) throw new Error(`formule non reconnue : ${formula}`);
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++]!;
  function ref(tok: string): Value {
    let s = sheet;
    let a = tok;
    const m = /^'((?:[^']|'')+)'!(.+)$/.exec(tok);
    if (m) {
      s = m[1]!.replace(/''/g, "'");
      a = m[2]!;
    }
    if (a.includes(':')) {
      const [from, to] = a.replace(/\$/g, '').split(':') as [string, string];
      const f = /^([A-Z]+)(\d+)$/.exec(from)!;
      const t = /^([A-Z]+)(\d+)$/.exec(to)!;
      const out: number[] = [];
      for (let r = Number(f[2]); r <= Number(t[2]); r++) {
        for (let c = colNumber(f[1]!); c <= colNumber(t[1]!); c++) {
          const v = cellNumber(wb, s, `${colLetters(c)}${r}`, strictRanges);
          if (v !== null) out.push(v);
        }
      }
      return out;
    }
    return cellNumber(wb, s, a, true)!;
  }
  function primary(): Value {
    const t = next();
    if (t === '(') {
      const v = expr();
      if (next() !== ')') throw new Error(`parenthèse attendue : ${formula}`);
      return v;
    }
    if (t === '-') return -(primary() as number);
    if (/^\d/.test(t)) return Number(t);
    if (/^[A-Z]+$/.test(t) && peek() === '(') {
      next();
      const args: Value[] = [];
      if (peek() !== ')') {
        args.push(expr());
        while (peek() === ',') {
          next();
          args.push(expr());
        }
      }
      if (next() !== ')') throw new Error(`parenthèse attendue : ${formula}`);
      const flat = args.flatMap((a) => (Array.isArray(a) ? a : [a]));
      switch (t) {
        case 'SUM':
          return flat.reduce((a, b) => a + b, 0);
        case 'PRODUCT':
          return flat.reduce((a, b) => a * b, 1);
        case 'ROUND': {
          const [x, d] = flat as [number, number];
          const k = 10 ** d;
          // Excel rounds half away from zero on the decimal value it shows (15 significant digits)
          return (Math.sign(x) * Math.round(Number((Math.abs(x) * k).toPrecision(15)))) / k;
        }
        default:
          throw new Error(`fonction ${t} non gérée`);
      }
    }
    return ref(t);
  }
  function term(): Value {
    let v = primary();
    while (peek() === '*' || peek() === '/') {
      const op = next();
      const w = primary() as number;
      v = op === '*' ? (v as number) * w : (v as number) / w;
    }
    return v;
  }
  function expr(): Value {
    let v = term();
    while (peek() === '+' || peek() === '-') {
      const op = next();
      const w = term() as number;
      v = op === '+' ? (v as number) + w : (v as number) - w;
    }
    return v;
  }
  const v = expr();
  if (i !== tokens.length) throw new Error(`formule mal lue : ${formula}`);
  if (typeof v !== 'number') throw new Error(`formule sans valeur unique : ${formula}`);
  return v;
}

/** Row values from column A (exceljs rows are 1-based with a hole at 0). */
export function rowValues(ws: ExcelJS.Worksheet, r: number): unknown[] {
  return (ws.getRow(r).values as unknown[]).slice(1);
}

/** The first row whose column A holds `label`. */
export function findRow(ws: ExcelJS.Worksheet, label: string, from = 1): number {
  for (let r = from; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === label) return r;
  throw new Error(`ligne « ${label} » absente de ${ws.name}`);
}
