declare namespace App {
  interface Locals {
    /** Set by the contact endpoint before it rewrites to /contact/problem/. */
    contactProblem?: import('#src/contact/problems.ts').ProblemPage;
  }
}
