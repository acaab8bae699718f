import '@mantine/core/styles.css'
import '@mantine/notifications/styles.css'
import './global.css'

import { MantineProvider } from '@mantine/core'
import { Notifications } from '@mantine/notifications'
import { QueryClientProvider } from '@tanstack/react-query'
import { RouterProvider } from '@tanstack/react-router'
import { setUnauthorizedHandler } from '../api/client.ts'
import { forgetSession, sessionEnd, sessionKey } from '../api/session.ts'
import { queryClient } from './query-client.ts'
import { makeRouter } from './router.tsx'
import { theme } from './theme.ts'

const router = makeRouter(queryClient)

// A signed-in request answered 401: the session expired or was revoked elsewhere.
setUnauthorizedHandler(() => {
  if (!queryClient.getQueryData(sessionKey)) return
  // The signed-in layout sees the session go and sends the user to the sign-in page.
  sessionEnd.expired = true
  forgetSession(queryClient)
})

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  )
}
