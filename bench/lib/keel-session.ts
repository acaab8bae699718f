/** Signs in through the API as the web app does; returns the `keel_session=…` cookie pair. */
export async function signIn(baseUrl: string, credentials: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: credentials.email, password: credentials.password }),
  })
  if (response.status !== 200) throw new Error(`sign-in answered ${String(response.status)}: ${await response.text()}`)
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('keel_session='))
  if (!cookie) throw new Error('sign-in set no keel_session cookie')
  return cookie.split(';')[0] ?? ''
}
