package dev.shapesvae.inference;

/**
 * The Cholesky factor of a symmetric positive definite matrix: the lower-triangular L with
 * L L^T = A. A few explicit lines rather than a linear algebra library, which the embedding API
 * would otherwise carry for this alone.
 */
final class Cholesky {
    private Cholesky() {
    }

    /**
     * L of a symmetric matrix (only its lower triangle is read).
     *
     * @throws IllegalArgumentException when A is not positive definite, naming the first pivot that is not positive
     */
    static double[][] lower(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(sum > 0) || Double.isInfinite(sum)) {
                        throw new IllegalArgumentException("not positive definite (pivot " + i + " is " + sum + ")");
                    }
                    l[i][i] = Math.sqrt(sum);
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        return l;
    }
}
