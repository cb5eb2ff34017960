namespace vigil { }
