import { main } from './index';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`grille: ${(e as Error).message}\n`);
    process.exitCode = 1;
  },
);
