import { useCallback, useEffect, useRef, useState } from "react";

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Fetches again, keeping the current data visible meanwhile. */
  reload: () => Promise<void>;
}

/**
 * Loads data when the component mounts and whenever `deps` change. A
 * response that arrives after a newer load started is dropped, so fast
 * navigation never shows another page's data.
 */
export function useResource<T>(load: () => Promise<T>, deps: readonly unknown[]): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback(async () => {
    const current = ++generation.current;
    setLoading(true);
    try {
      const result = await loadRef.current();
      if (current !== generation.current) return;
      setData(result);
      setError(undefined);
    } catch (caught) {
      if (current !== generation.current) return;
      setError(caught);
    } finally {
      if (current === generation.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    setData(undefined);
    void run();
    return () => {
      generation.current++;
    };
  }, deps);

  return { data, error, loading, reload: run };
}
