import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Input, Output } from '@api/contract'
import { api } from '../api/client'

export type SlurmStatus = Output<'slurm.status'>

/**
 * Sweeps on a Slurm cluster: write (and submit) a bundle, follow its tasks, merge its results into
 * the notebook. Errors are thrown to the caller, which shows them where the researcher acted.
 */
export const useSlurm = defineStore('slurm', () => {
  /** The last status read of each bundle folder. */
  const status = ref<Record<string, SlurmStatus>>({})

  const submit = (input: Input<'slurm.submit'>): Promise<Output<'slurm.submit'>> => api.call('slurm.submit', input)

  /** Read a bundle's task states; a folder that cannot be read is dropped from `status` and the error thrown. */
  async function refresh(dir: string): Promise<SlurmStatus> {
    try {
      const s = await api.call('slurm.status', { dir })
      status.value = { ...status.value, [dir]: s }
      return s
    } catch (e) {
      const { [dir]: _gone, ...rest } = status.value
      void _gone
      status.value = rest
      throw e
    }
  }

  const merge = (dir: string, resubmit: boolean): Promise<Output<'slurm.merge'>> => api.call('slurm.merge', { dir, resubmit })

  return { status, submit, refresh, merge }
})
