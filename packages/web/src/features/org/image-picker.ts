import { useFileDialog } from '@mantine/hooks'

const TYPES = ['image/png', 'image/jpeg', 'image/webp']
const MAX_BYTES = 512 * 1024

/** Why an image cannot be uploaded (the server checks the same), or null when it can. */
export function imageProblem(file: File): string | null {
  if (!TYPES.includes(file.type)) return 'Choose a PNG, JPEG or WebP image.'
  if (file.size > MAX_BYTES) return `The image is ${Math.ceil(file.size / 1024)} KB; images are at most 512 KB.`
  return null
}

/** Opens the browser's file dialog for one image; the picked file is checked before `onPick`. */
export function useImagePicker(onPick: (file: File) => void, onProblem: (message: string) => void) {
  const dialog = useFileDialog({
    multiple: false,
    accept: TYPES.join(','),
    resetOnOpen: true,
    onChange: (files) => {
      const file = files?.[0]
      if (!file) return
      const problem = imageProblem(file)
      if (problem) onProblem(problem)
      else onPick(file)
    },
  })
  return dialog.open
}
