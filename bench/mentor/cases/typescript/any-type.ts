export interface ApiProblem {
  status: number;
  message: string;
}

export function toProblem(e: any): ApiProblem {
  if (e.status) {
    return { status: e.status, message: e.message };
  }
  return { status: 500, message: String(e) };
}

export async function call_api<T>(run: () => Promise<T>): Promise<T | ApiProblem> {
  try {
    return await run();
  } catch (error) {
    return toProblem(error);
  }
}
