/** The `tieuchi batch` end-to-end benchmark (written with the batch command). */
export async function batchBenchmark(_root: string, _n: number): Promise<void> {}
