export interface User {
  id: string;
  name: string;
  email: string;
}

export class UserNotFoundError extends Error {}

export async function fetchUser(baseUrl: string, id: string): Promise<User> {
  const Url = new URL(`/users/${encodeURIComponent(id)}`, baseUrl);
  const response = await fetch(Url, { headers: { Accept: 'application/json' } });
  if (response.status === 404) {
    throw new UserNotFoundError(`No user ${id}`);
  }
  if (!response.ok) {
    throw new Error(`GET ${Url.pathname} failed with ${response.status}`);
  }
  return (await response.json()) as User;
}
