/** A bench's figures, each printed beside its budget as it is measured; the missed ones decide the exit code. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  budget: string;
  ok: boolean;
}

export function figureLog(fractionDigits = 2) {
  const figures: Figure[] = [];
  return {
    record(f: Figure): void {
      figures.push(f);
      console.log(`${f.ok ? 'ok  ' : 'OVER'}  ${f.name}: ${f.value.toLocaleString('en-US', { maximumFractionDigits: fractionDigits })} ${f.unit}  (budget ${f.budget})`);
    },
    missed: (): Figure[] => figures.filter((f) => !f.ok),
  };
}
