import { RenderedFiles } from '../types';
import { declaredVariables } from './terraform';

/** Variables each local module in `modules/<name>/` declares, from all of its .tf files. */
export async function localModuleVariables(
  files: RenderedFiles,
): Promise<Record<string, string[]>> {
  const modules: Record<string, string[]> = {};
  for (const [path, text] of Object.entries(files)) {
    const match = /^modules\/([^/]+)\/[^/]+\.tf$/.exec(path);
    if (match) {
      modules[match[1]] = [
        ...(modules[match[1]] ?? []),
        ...(await declaredVariables(text)),
      ];
    }
  }
  return modules;
}
